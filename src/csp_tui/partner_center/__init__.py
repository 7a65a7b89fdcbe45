"""The Partner Center adapter: wire models, the async REST client, authentication.

- ``client`` — :class:`~csp_tui.partner_center.client.PartnerCenterClient`, every resource's
  calls together (``resources/``: customers, relationships, subscriptions, users, catalog,
  qualifications), built on ``paging`` (listings to their end) and ``calls`` (the one request
  loop: headers, retries, call records), with ``urls`` and ``bodies`` for what a call sends and
  reads; ``limits`` and ``ratelimit`` bound it.
- ``models`` — the tolerant wire models, one public face over a module per resource.
- ``errors`` and ``mfa`` — Partner Center's error answers as typed errors, and its MFA
  requirement; ``dates`` — the date formats it sends.
- ``auth`` — where bearer tokens come from (``token_source`` is the protocol the client asks
  of them).
"""
