"""Local SMTP sink for development and tests: stores every mail in a Maildir, shows it on a page.

Run it with `python -m devstack.mailsink`; read what it received with `devstack.mailsink.store`.
"""
