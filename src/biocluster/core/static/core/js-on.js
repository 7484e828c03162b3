// Runs before the page is drawn: styles that fold the menu apply only where a script can unfold it.
document.documentElement.classList.add("js");
