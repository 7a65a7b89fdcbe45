"""Partner Center's resources, one module of calls each;
:class:`~csp_tui.partner_center.client.PartnerCenterClient` holds them all."""
