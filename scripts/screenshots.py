"""Screenshot the main pages at desktop and phone widths: python scripts/screenshots.py URL OUT.

Logs in as the demo PPID user for workspace pages. Uses Debian's chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PUBLIC = {"home": "/", "dip": "/dip/", "dik": "/dik/", "item": None}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
FULL = {"desktop": True, "phone": False}


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size_name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + "/dip/")
            first = page.locator("table.dip a").first.get_attribute("href")
            for name, path in {**PUBLIC, "item": first}.items():
                page.goto(base + path)
                shot = out / f"portal-{name}-{size_name}.png"
                page.screenshot(path=shot, full_page=FULL[size_name])
            page.goto(base + "/ruang-kerja/masuk/")
            page.screenshot(path=out / f"ws-login-{size_name}.png", full_page=FULL[size_name])
            page.fill("[name=username]", "ppid")
            page.fill("[name=password]", "demo-ppid-2026")
            page.click("main button[type=submit]")
            page.wait_for_url("**/ruang-kerja/")
            page.screenshot(path=out / f"ws-register-{size_name}.png", full_page=FULL[size_name])
            page.goto(base + "/ruang-kerja/" + "?category=exempt")
            page.locator("table.dip a").first.click()
            page.screenshot(path=out / f"ws-item-{size_name}.png", full_page=FULL[size_name])
            page.goto(base + "/ruang-kerja/informasi/baru/")
            page.click("main button[type=submit]")
            page.screenshot(path=out / f"ws-form-errors-{size_name}.png", full_page=FULL[size_name])
            page.goto(base + "/ruang-kerja/audit/")
            page.screenshot(path=out / f"ws-audit-{size_name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))
