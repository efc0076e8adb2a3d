"""Where the cipher-suite facts come from (docs/research/ciphersuites.md has the details).

Every bit meaning and documented value in `ciphersuites` cites these by key; an answer
lists the URLs of the keys it used.
"""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "SAST": "https://sast-solutions.com/blog-en/?p=860",
    "510007-QUOTE": "https://erp-transformation.de/ssl-tls-1-1-1-2-und-andere-sicherheitsstandards-aktivieren-tls-ssl-sapcrypto/",
    "ABAPGIT-SSL": "https://docs.abapgit.org/user-guide/setup/ssl-setup.html",
    "PFS": ("https://community.sap.com:443/t5/technology-blogs-by-members/"
            "perfect-forward-secrecy-and-how-to-choose-pfs-based-cipher-suites/ba-p/13392751"),
    "STECHIES-8": "http://ccdn.stechies.com/interoperability-issues-third-party-tls-implementations",
    "CoE": "https://github.com/SAP-samples/security-services-tools",
    "FRUN-32": "https://github.com/SAP-samples/frun-csa-policies-best-practices/issues/32",
    "TG13": "https://www.saptechnicalguru.com/tls-v1-3-setup/",
    "I4964": "https://github.com/abapGit/abapGit/issues/4964",
    "I5589": "https://github.com/abapGit/abapGit/issues/5589",
    "I3360": "https://github.com/abapGit/abapGit/issues/3360",
}


def urls(keys: tuple[str, ...]) -> list[str]:
    """The URLs of `keys`, in order, without repeats."""
    return list(dict.fromkeys(SOURCES[k] for k in keys if k in SOURCES))
