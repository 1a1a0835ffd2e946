"""The `convegni` command line without a server: installed as the package's console script,
its texts in Italian and English from its own catalog (help included), its login kept for
its owner alone, and every failure said in a sentence with exit code 1, never a traceback:
no login, an address that is none, a server that does not answer."""

import stat
import tomllib
from importlib import import_module
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from click.testing import CliRunner

from services.cli.main import cli
from tests.unit.test_catalogs import PLACEHOLDER, catalog_texts

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "services" / "cli" / "texts"
# Where the command line names its keys: catalog calls, and what it says and refuses.
KEYWORDS = {"_": None, "N_": None, "say": (1,), "Failure": (1,)}


def run(*arguments: str, home: Path, **env: str):
    runner = CliRunner(env={"XDG_CONFIG_HOME": str(home), **env})
    return runner.invoke(cli, list(arguments))


def used_keys() -> set[str]:
    found = extract_from_dir(ROOT / "services" / "cli", keywords=KEYWORDS)
    return {key for _, _, key, _, _ in found if isinstance(key, str) and key.startswith("cli_")}


def test_the_console_script_is_the_command():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, function = scripts["convegni"].partition(":")

    assert getattr(import_module(module), function).__module__ == "services.cli.main"


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_key_it_uses_is_said_in_italian_and_english_and_no_other(language):
    said = catalog_texts(TEXTS / language / "LC_MESSAGES" / "cli.po")

    assert sorted(key for key in used_keys() if not said.get(key)) == []
    assert sorted(set(said) - used_keys()) == []


def test_italian_and_english_texts_take_the_same_values():
    italian = catalog_texts(TEXTS / "it" / "LC_MESSAGES" / "cli.po")
    english = catalog_texts(TEXTS / "en" / "LC_MESSAGES" / "cli.po")

    differ = [
        key
        for key, text in italian.items()
        if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(english[key]))
    ]

    assert differ == []


def test_help_speaks_the_language_asked_for(tmp_path):
    italian = run("programme", "import", "--help", home=tmp_path)
    english = run("programme", "import", "--help", home=tmp_path, CONVEGNI_LANG="en")

    assert "Mostra che cosa cambierebbe, senza salvare." in italian.output
    assert "Show what would change, saving nothing." in english.output


def test_without_a_login_it_says_how_to_log_in(tmp_path):
    answer = run("events", home=tmp_path)

    assert answer.exit_code == 1
    assert "Non hai fatto l'accesso: usa convegni login" in answer.output
    assert "Traceback" not in answer.output


def test_a_server_that_does_not_answer_is_said_with_its_address(tmp_path):
    answer = run(
        "--lang", "en", "login", "--url", "http://127.0.0.1:9", "--token", "x", home=tmp_path
    )

    assert answer.exit_code == 1
    assert "The site http://127.0.0.1:9 does not answer" in answer.output
    assert not (tmp_path / "convegni").exists()  # nothing kept of a login that failed


def test_an_address_that_is_none_is_said(tmp_path):
    answer = run("--url", "convegni.comune", "--token", "x", "events", home=tmp_path)

    assert answer.exit_code == 1
    assert "«convegni.comune» non è un indirizzo" in answer.output


def test_the_login_is_readable_by_its_owner_alone(tmp_path):
    from services.cli import config

    runner = CliRunner(env={"XDG_CONFIG_HOME": str(tmp_path)})
    with runner.isolation():
        path = config.save(config.Login("https://convegni.example.it", "cvg_segreto"))
        kept = config.load(None, None)
        overridden = config.load("http://localhost:8000", None)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert kept == config.Login("https://convegni.example.it", "cvg_segreto")
    assert overridden == config.Login("http://localhost:8000", "cvg_segreto")
