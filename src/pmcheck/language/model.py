"""A small learned linear model over a sentence's words and the engine's own findings.

The rules in this package say *why* a sentence blames; they stop generalising where writers
phrase blame in ways no rule lists. This model (logistic regression, trained by
``tools/train_blame_model.py`` from the labelled sentences in tests/language/data and shipped
as ``data/blame_model.json``) scores the sentences the rules left alone. Words are normalised
before scoring so that what it learns carries over to other teams: a handle becomes ``@H``, a
capitalised word that is neither an English word (:mod:`~pmcheck.language.words`) nor a known
system name becomes ``NAME``, a number ``0``, inline code ``CODE``. Features: those words,
adjacent pairs, and the kind of each rule hit. Deterministic and offline; the weights load on
first use.
"""

from __future__ import annotations

import math
import os

from pmcheck.language.lexicon import AMBIGUOUS_HEADS, FIRST_NAMES, PERSON_MODIFIERS, ROLE_HEADS
from pmcheck.language.text import CODE_PLACEHOLDER, Token
from pmcheck.language.words import is_english

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "blame_model.json")
_MODEL: list[dict] = []

# Software and product names that are not English words: capitalised, yet never a person.
SYSTEM_NAMES = frozenset("""
kubernetes k8s postgres postgresql mysql redis kafka terraform ansible jenkins github gitlab
grafana prometheus datadog pagerduty opsgenie slack jira confluence nginx envoy istio consul
vault etcd elasticsearch opensearch kibana cassandra mongodb dynamodb rds aws gcp azure s3 ec2
eks gke aks lambda cloudflare cloudfront fastly akamai docker helm argo argocd spinnaker
circleci travis buildkite bazel gradle maven npm pypi sentry splunk newrelic honeycomb
linux ubuntu debian centos rhel windows macos ios android chrome firefox safari javascript
typescript python golang java kotlin rabbitmq memcached zookeeper haproxy traefik vercel
netlify heroku okta auth0 ldap saml oauth oidc dns tls ssl http https api cdn vpn bgp tcp udp
grpc graphql json yaml xml sql nosql vm vms kubectl systemd cron cronjob crontab iam kms sqs
sns gcs bigquery snowflake airflow spark hadoop hdfs flink pagerduty statuspage zendesk
salesforce stripe twilio sendgrid mailgun zoom teams outlook gmail okta vpc nat cidr
""".split())

_HANDLE, _NAME, _NUM, _CODE = "@H", "NAME", "0", "CODE"


def _word_class(tok: Token, first: bool) -> str:
    text, low = tok.text, tok.low
    if text == CODE_PLACEHOLDER:
        return _CODE
    if text[0] == "@":
        return _HANDLE
    if text[0].isdigit():
        return _NUM
    if low.endswith("'s"):
        base = _word_class(Token(tok.start, tok.end - 2, text[:-2], low[:-2]), first)
        return base + "'s" if base in (_HANDLE, _NAME) else low
    if text[:1].isupper() and text[1:].islower() and low not in SYSTEM_NAMES \
            and low not in ROLE_HEADS and low.replace("-", "").isalpha():
        if low in FIRST_NAMES and not (first and is_english(low)):
            return _NAME
        if "-" not in low and not is_english(low):
            return _NAME
    return low


def features(tokens: list[Token], kinds: set[str]) -> list[str]:
    """The model's features of one sentence, with the rule-hit kinds found in it."""
    words: list[str] = []
    first = True
    for tok in tokens:
        if not (tok.text[0].isalnum() or tok.text[0] == "@" or tok.text == CODE_PLACEHOLDER):
            if tok.text in "?":
                words.append("?")
            continue
        words.append(_word_class(tok, first))
        first = False
    out = {"u:" + w for w in words}
    out.update("b:" + a + "_" + b for a, b in zip(words, words[1:]))
    out.update("k:" + k for k in kinds)
    if not kinds:
        out.add("k:none")
    if words:
        out.add("s:" + words[0])
    return list(out)


def _model() -> dict:
    if not _MODEL:
        import json  # only when a sentence reaches the model

        with open(_PATH, encoding="utf-8") as fh:
            _MODEL.append(json.load(fh))
    return _MODEL[0]


def score(feats: list[str], model: dict | None = None) -> float:
    """Probability (0..1) that the sentence blames a person."""
    m = model or _model()
    w = m["weights"]
    z = m["bias"] + sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold() -> float:
    return _model()["threshold"]


def evidence(feats: list[str], n: int = 3) -> list[str]:
    """The features that pushed the score up most, readable ("forgot", "NAME forgot")."""
    w = _model()["weights"]
    top = sorted((f for f in feats if w.get(f, 0.0) > 0 and f[0] in "ub"), key=lambda f: (-w[f], f))
    return [f[2:].replace("_", " ") for f in top[:n]]


_NP_FIRST = frozenset("the a an our their his her my this that one some he she i someone "
                      "somebody".split()) | PERSON_MODIFIERS | AMBIGUOUS_HEADS
_HEADS = ROLE_HEADS | AMBIGUOUS_HEADS | frozenset("he she i someone somebody".split())
MAX_WORDS = 35  # longer "sentences" are mostly pasted chat logs or run-on notes


def person_led(tokens: list[Token]) -> bool:
    """Does the sentence open with person evidence (a handle, an unknown capitalised name, a
    role or team phrase, "I" or "he/she")? The model scores only such sentences: on real
    postmortems nobody here wrote, sentences without it were nearly all false alarms."""
    from pmcheck.language.people import person_np_starting_at

    words = [k for k, t in enumerate(tokens) if t.text[0].isalnum() or t.text[0] == "@"]
    if not words or len(words) > MAX_WORDS:
        return False
    k = words[0]
    if _word_class(tokens[k], True) in (_HANDLE, _NAME, _HANDLE + "'s", _NAME + "'s"):
        return True
    if tokens[k].low not in _NP_FIRST and tokens[k].low not in ROLE_HEADS:
        return False  # cheap test first: a person phrase opens with one of these
    if not any(t.low in _HEADS for t in tokens[k:k + 6]):
        return False  # ... and has a person head within a few words
    return person_np_starting_at(tokens, k) is not None
