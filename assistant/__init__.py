"""sapassist: a terminal assistant for SAP HTTP-client errors (message class SCLNT_HTTP).

Kept empty on purpose: every command imports only what it needs.
"""

__version__ = "0.1.0"
