"""The `biocluster` console command.

`biocluster partnering ...` runs the meeting scheduler and `biocluster recommend ...` the
partner recommender without Django; every
other sub-command is a Django management command (`biocluster migrate`,
`biocluster load_demo`, `biocluster token EMAIL`, `biocluster generate ...`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "partnering":
        from biocluster.scheduling.cli import main as partnering

        return partnering(argv[2:])
    if len(argv) > 1 and argv[1] == "recommend":
        from biocluster.recommendations.engine.cli import main as recommend

        return recommend(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings here, to say what is missing
    except ImproperlyConfigured as error:
        # Django would list its own commands only and call ours unknown, or show a traceback.
        print(f"biocluster: {error}", file=sys.stderr)
        return 2
    execute_from_command_line(["biocluster", *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
