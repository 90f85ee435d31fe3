"""Refuse webhook URLs that reach into our own network, checked after DNS resolution."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> addresses; tests pass a local stub instead of the system resolver.
Resolver = Callable[[str, int], list[IpAddress]]


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class UnsafeUrl(ValueError):
    """The URL is malformed or resolves to an address we must not call."""


def check_url(
    url: str, *, allow_loopback: bool = False, resolve: Resolver | None = None
) -> list[IpAddress]:
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
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = (resolve or _resolve)(parts.hostname, port)
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


def embedded_ipv4(address: IpAddress) -> IpAddress:
    """The IPv4 address an IPv6 form carries and routes to; the address itself otherwise.

    ::ffff:a.b.c.d (mapped), 2002:AABB:CCDD:: (6to4), 2001:0::/32 (Teredo, the client's
    address inverted), 64:ff9b::/96 (NAT64) and ::a.b.c.d (compatible) all reach a.b.c.d.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return address
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    packed = address.packed
    if address in _NAT64 or (packed[:12] == bytes(12) and int(address) > 0xFFFF):
        return ipaddress.IPv4Address(packed[12:])
    return address


def _check_address(address: IpAddress, *, allow_loopback: bool) -> None:
    inner = embedded_ipv4(address)
    if inner is not address:
        _check_address(inner, allow_loopback=allow_loopback)
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
