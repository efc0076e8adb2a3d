"""TLS profile parameters explained from their values (pure, standard library only).

- `ciphersuites` — what a given `ssl/ciphersuites` / `ssl/client_ciphersuites` value
  means: the leading number's bits, the documented values, the cipher-string part.

The router only finds "parameter = value" in a text (`intent.paramvalues`); the answer
builders call `decode` and say what it found (`answers.ciphersuites`).
"""
