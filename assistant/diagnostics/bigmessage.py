"""A handshake message larger than the client takes: in practice a certificate list of
many or very large certificates.

TLS sets no limit on the size of the certificate chain; OpenSSL bounds what it buffers
(SSL_CTX_set_max_cert_list(3): 100 kB by default) and fails the handshake with
EXCESSIVE_MESSAGE_SIZE past it — before any certificate can be read, so neither this
check's verdict handshake nor its unverified observation sees the chain. Which limit
CommonCryptoLib on the SAP side has is not documented in the sources here, so the SAP
system may take the chain or refuse it; the server's owner can make it small either way.
"""

from __future__ import annotations

TOO_LARGE = "EXCESSIVE_MESSAGE_SIZE"

TOO_LARGE_DETAIL = (
    "the server sent a handshake message larger than this check's TLS library (OpenSSL) takes "
    "(EXCESSIVE_MESSAGE_SIZE) — in practice its certificate list: more than OpenSSL's default "
    "limit of 100 kB of certificates, far more than a leaf and its intermediates need (a few kB)")

TOO_LARGE_STEP = (
    "The server sends a certificate list of more than 100 kB — many or very large certificates — "
    "and the handshake stops there, before any certificate can be checked. Ask the server's owner "
    "to send only its certificate and the intermediates up to the root (the root itself, other "
    "certificates and duplicates left out of the chain file). Whether the SAP system's "
    "CommonCryptoLib takes a list this large is not known here: the SM59 connection test and the "
    "ICM trace (dev_icm) show it; `openssl s_client -connect <host>:<port> -showcerts` from the "
    "application server's OS fails the same way.")
