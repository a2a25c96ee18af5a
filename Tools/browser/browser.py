"""A Chromium window driven by selenium for the browser tests: headless Debian chromium and
chromium-driver, one fresh profile per window, waits on conditions (never on the clock), page
metrics from Navigation and Resource Timing, full-page screenshots and PDFs."""

import base64
import time
from urllib.parse import urlparse

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PHONE = (390, 844)
DESKTOP = (1280, 900)


class Browser:
    """One person's browser window, `size` (width, height) in CSS pixels."""

    def __init__(self, name, base_url, size=DESKTOP, chromium="/usr/bin/chromium", driver="/usr/bin/chromedriver"):
        self.name = name
        self.base_url = base_url
        self.size = size
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in (
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=id-ID",
            f"--window-size={size[0]},{size[1]}", "--no-first-run", "--disable-extensions",
        ):
            options.add_argument(argument)
        if size == PHONE:
            # A desktop window cannot be narrower than about 500 pixels: a phone's screen is
            # emulated (its width, height and touch), as DevTools' device mode does.
            options.add_experimental_option(
                "mobileEmulation", {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 1, "touch": True}})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(driver), options=options)
        self.driver.set_page_load_timeout(60)
        self.console = []

    # MARK: Navigation and waiting

    def open(self, path):
        self.driver.get(self.base_url + path)

    def wait(self, condition, timeout=30, what="a condition"):
        """Polls `condition(driver)` until it returns something truthy (at most `timeout` s)."""
        def safe(driver):
            try:
                return condition(driver)
            except StaleElementReferenceException:
                return False
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(safe)
        except TimeoutException:
            raise AssertionError(f"{self.name}: {what} did not happen within {timeout} s (at {self.driver.current_url})")

    def find(self, css, timeout=30):
        return self.wait(lambda d: first_displayed(d.find_elements(By.CSS_SELECTOR, css)), timeout, f"'{css}' shown")

    def find_text(self, css, text, timeout=30):
        """The first element matching `css` whose text contains `text`."""
        def found(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if text in element.text:
                    return element
            return False
        return self.wait(found, timeout, f"'{css}' with the text '{text}'")

    def wait_path(self, path, timeout=30):
        self.wait(lambda d: self.path() == path, timeout, f"the page {path}")

    def type(self, css, text, clear=True):
        element = self.find(css)
        if clear:
            element.clear()
        element.send_keys(text)
        return element

    def click(self, css):
        element = self.find(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        return element

    def choose(self, css, value):
        """Chooses the option `value` of the select `css`, once the page has filled it in."""
        self.find(f'{css} option[value="{value}"]')
        Select(self.find(css)).select_by_value(value)

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def log_in(self, username, password, new_password=None):
        """Logs in through the login page; when the account must change its password first, does
        so on the password page with `new_password`. Waits until the first page of the role."""
        self.open("/")
        self.type("#nama-pengguna", username)
        self.type("#kata-sandi", password)
        self.click("#form-masuk button[type=submit]")
        self.wait(lambda d: self.path() != "/", what="leaving the login page")
        if new_password and self.path() == "/sandi.html":
            self.type("#sandi-lama", password)
            self.type("#sandi-baru", new_password)
            self.type("#sandi-ulang", new_password)
            self.click("#form-sandi button[type=submit]")
            self.wait(lambda d: self.path() != "/sandi.html", what="leaving the password page")

    def path(self):
        """The path of the page shown."""
        return urlparse(self.driver.current_url).path

    # MARK: Evidence

    def metrics(self):
        """The files of the page (the document and the styles, scripts, images and fonts it
        loaded, not its data calls), its first contentful paint and the app's own 'content
        ready' mark, in milliseconds from the navigation's start."""
        return self.js(
            """
            const nav = performance.getEntriesByType('navigation')[0];
            const kinds = new Set(['script', 'link', 'css', 'img', 'image', 'font', 'other']);
            const resources = performance.getEntriesByType('resource')
              .filter(r => kinds.has(r.initiatorType) && r.name.startsWith(location.origin + '/')
                && !r.name.includes('/simpeg.v1.') && !r.name.includes('/events/') && !r.name.includes('/publik/'));
            const files = [location.href.split('#')[0], ...new Set(resources.map(r => r.name))];
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const ready = performance.getEntriesByName('simpeg:isi-siap')[0];
            return {
              files,
              firstContentfulPaint: paint ? paint.startTime : null,
              contentReady: ready ? ready.startTime : null,
              domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
              load: nav ? nav.loadEventEnd : null,
            };
            """
        )

    def picture(self, path, scale=1.0):
        """A PNG of what the window shows, scaled (the README's small screenshots)."""
        width, height = self.js("return [document.documentElement.clientWidth, window.innerHeight]")
        clip = {"x": 0, "y": self.js("return window.scrollY"), "width": width, "height": height, "scale": scale}
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
        path.write_bytes(base64.b64decode(data))

    def unlabelled_controls(self):
        """Form controls of the page with no accessible name (no label, aria-label or
        aria-labelledby), as `tag#id.name` strings; hidden inputs and buttons with text aside."""
        return self.js(
            """
            return [...document.querySelectorAll('input, select, textarea')]
              .filter(el => el.type !== 'hidden' && !el.hidden)
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
              .map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.name || el.className}`);
            """
        )

    def foreign_resources(self):
        """What the page loaded from anywhere but its own origin (the intranet may have no
        internet: no CDN, no web fonts)."""
        return self.js(
            """
            return performance.getEntriesByType('resource').map(r => r.name)
              .filter(n => !n.startsWith(location.origin + '/') && !n.startsWith('blob:') && !n.startsWith('data:'));
            """
        )

    def screenshot(self, path, full_page=True):
        """A PNG of the page (the whole page when `full_page`)."""
        if full_page:
            data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
            path.write_bytes(base64.b64decode(data))
        else:
            self.driver.save_screenshot(str(path))

    def pdf(self, path):
        """The page printed by Chromium (DevTools Page.printToPDF through selenium), A4."""
        from selenium.webdriver.common.print_page_options import PrintOptions
        options = PrintOptions()
        options.page_width = 21.0
        options.page_height = 29.7
        options.background = True
        path.write_bytes(base64.b64decode(self.driver.print_page(options)))

    def collect_console(self):
        try:
            self.console += [f"{e['level']} {e['message']}" for e in self.driver.get_log("browser")]
        except Exception:  # a window that is gone has no log
            pass
        return self.console

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass


def first_displayed(elements):
    for element in elements:
        if element.is_displayed():
            return element
    return False


def until(condition, timeout, what):
    """Polls a condition that is not about a page (e.g. an API answer), at most `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.2)
