"""Calendar files, feeds and schedule exports of public events."""

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
