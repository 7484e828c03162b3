"""Import of organisations from CSV and XLSX files, in steps a person can follow.

upload (`reading`) → column mapping (`mapping`) → dry run (`validation`,
`duplicates`) → decisions on likely duplicates → apply (`services`), all or
nothing. Export (`directory.exporting`) writes the same columns back.
"""
