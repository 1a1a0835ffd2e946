"""Turning an event snapshot into public page parts: safe Markdown HTML, plain text for meta
tags, schema.org JSON-LD and Open Graph pairs."""
