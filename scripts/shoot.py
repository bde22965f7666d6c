"""Screenshot any workspace or portal pages: python scripts/shoot.py URL OUT USER PASSWORD PATH...

Logs in as USER (use "-" for no login), then saves OUT/<name>-desktop.png and -phone.png for
every PATH (name = the path with slashes turned into dashes). Uses Debian's chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(base: str, out: Path, user: str, password: str, paths: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size_name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            if user != "-":
                page.goto(base + "/ruang-kerja/masuk/")
                page.fill("[name=username]", user)
                page.fill("[name=password]", password)
                page.click("main button[type=submit]")
                page.wait_for_url("**/ruang-kerja/")
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "-").replace("?", "_") or "home"
                page.screenshot(path=out / f"{name}-{size_name}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:])
