"""Use cases: sync, onboard a tenant, invite, change a subscription, request a qualification."""
