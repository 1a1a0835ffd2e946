"""The HTML form under a rush, as browsers send it: open the form (it sets the CSRF cookie),
then post it with the form's token and that cookie. wrk keeps no state between requests, so
this part runs through httpx (bench/load.py)."""

import re
from http.cookiejar import DefaultCookiePolicy

import httpx

from bench.load import Run, load
from tests.support.people import Person, people


def form_post(client: httpx.AsyncClient, url: str, person: Person) -> object:
    """A browser's registration. Each person keeps their own cookie, as their browser would:
    the client's shared jar, written by concurrent pages, would mix them up."""
    client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))

    async def go() -> httpx.Response:
        page = await client.get(url)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        fields = {**person.form(), "csrf_token": token.group(1) if token else ""}
        cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
        return await client.post(url, data=fields, headers={"Cookie": cookie})

    return go()


def form_rush(url: str, count: int, in_flight: int, tag: str) -> Run:
    """`count` people through the form at `url`, `in_flight` at a time."""
    by_form = people(count, tag=tag)
    return load(lambda c, n: form_post(c, url, by_form[n]), count, in_flight)
