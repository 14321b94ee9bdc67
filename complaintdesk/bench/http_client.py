"""A logged-in member of staff over HTTP, as a browser is: the login form with its CSRF token,
then the session cookie on every request. Timed from the request sent to the last byte read."""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff:
    def __init__(self, base: str, username: str, password: str = "demo12345") -> None:
        self.base = base.rstrip("/")
        self.username = username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.opener.open(f"{self.base}/login/").read().decode()
        match = _TOKEN.search(page)
        assert match, "no CSRF token on the login page"
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
        ).encode()
        request = urllib.request.Request(
            f"{self.base}/login/", data=form, headers={"Referer": f"{self.base}/login/"}
        )
        with self.opener.open(request) as response:
            assert "/login/" not in response.geturl(), f"{username} could not log in"

    def timed_get(self, path: str) -> tuple[float, int, bytes]:
        """(milliseconds, status, body) of one GET."""
        began = time.perf_counter()
        try:
            with self.opener.open(f"{self.base}{path}") as response:
                body, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        return (time.perf_counter() - began) * 1000, status, body
