"""Refuse webhook URLs that reach into our own network, checked after DNS resolution."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeUrl(ValueError):
    """The URL is malformed or resolves to an address we must not call."""


def check_url(url: str, *, allow_loopback: bool = False) -> list[IpAddress]:
    """Resolve the URL's host; raise UnsafeUrl unless every address is public.

    Every address must pass: a name resolving to one public and one private address is
    refused, since the client may connect to either.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("webhook URL must be http or https")
    if not parts.hostname:
        raise UnsafeUrl("webhook URL has no host")
    if parts.username or parts.password:
        raise UnsafeUrl("webhook URL must not carry credentials")
    addresses = _resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    for address in addresses:
        _check_address(address, allow_loopback=allow_loopback)
    return addresses


def _resolve(host: str, port: int) -> list[IpAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise UnsafeUrl(f"cannot resolve {host}: {err}") from err
    found: list[IpAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise UnsafeUrl(f"{host} resolves to no address")
    return found


def _check_address(address: IpAddress, *, allow_loopback: bool) -> None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        if allow_loopback:
            return
        raise UnsafeUrl(f"{address} is a loopback address")
    if (
        address.is_private
        or address.is_link_local  # includes 169.254.169.254, the cloud metadata service
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        raise UnsafeUrl(f"{address} is not a public address")
