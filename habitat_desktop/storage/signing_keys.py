"""The workspace's office signing key (Ed25519): made with the workspace, kept in its settings, never exported."""

from __future__ import annotations

import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlmodel import Session

from habitat_desktop.domain.models import WorkspaceSetting

SETTING = "signing_key"
COORDINATORS = "coordinator_keys"
"""The setting listing the public keys trusted as coordinators: they may pass on other offices' changes."""


def new_private_key() -> str:
    """A fresh private key, as 64 hex digits."""
    return Ed25519PrivateKey.generate().private_bytes_raw().hex()


def ensure_key(session: Session) -> str:
    """The workspace's private key, created on first use for workspaces made before keys existed."""
    setting = session.get(WorkspaceSetting, SETTING)
    if setting is None:
        setting = WorkspaceSetting(key=SETTING, value=new_private_key())
        session.add(setting)
        session.flush()
    return setting.value


def public_key(private_hex: str) -> str:
    """The public half of a private key, as 64 hex digits."""
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes_raw().hex()


def fingerprint(public_hex: str) -> str:
    """A short, readable fingerprint of a public key: groups of four hex digits of its SHA-256."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def sign(private_hex: str, data: bytes) -> str:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(data).hex()


def verify(public_hex: str, data: bytes, signature_hex: str) -> bool:
    """Whether a signature over data was made with the private half of a public key."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def coordinator_keys(session: Session) -> frozenset[str]:
    """The public keys this workspace trusts to relay other offices' changes (never exported)."""
    setting = session.get(WorkspaceSetting, COORDINATORS)
    try:
        keys = json.loads(setting.value) if setting is not None else []
    except ValueError:
        keys = []
    return frozenset(key for key in keys if isinstance(key, str)) if isinstance(keys, list) else frozenset()


def mark_coordinator(session: Session, public_hex: str, coordinator: bool) -> None:
    """Trust (or stop trusting) a key to relay other offices' changes."""
    keys = set(coordinator_keys(session))
    keys = keys | {public_hex} if coordinator else keys - {public_hex}
    session.merge(WorkspaceSetting(key=COORDINATORS, value=json.dumps(sorted(keys))))
    session.flush()
