"""Send a webhook to the address that was checked, not to a second DNS answer.

`check_url` resolves the host and vets every address; if the HTTP client then resolved
the name again, a rebinding DNS server could answer a public address to the check and
127.0.0.1 to the connection. So the request goes to the vetted IP, with the original
name in the Host header and as the TLS server name (SNI and certificate check).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from workers.webhooks.ssrf import IpAddress


@dataclass(frozen=True, slots=True)
class PinnedRequest:
    url: str
    headers: dict[str, str]
    extensions: dict[str, Any] = field(default_factory=dict)


def pinned(url: str, address: IpAddress) -> PinnedRequest:
    parts = urlsplit(url)
    host = parts.hostname or ""
    ip_text = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    netloc = ip_text if parts.port is None else f"{ip_text}:{parts.port}"
    host_header = parts.netloc.rsplit("@", 1)[-1]
    extensions: dict[str, Any] = {}
    if parts.scheme == "https" and not _is_ip(host):
        extensions["sni_hostname"] = host
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return PinnedRequest(url=target, headers={"Host": host_header}, extensions=extensions)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
