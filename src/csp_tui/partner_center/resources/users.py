"""A customer's users: the list, and resetting a password."""

from __future__ import annotations

from csp_tui.partner_center.models import CustomerUser
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment


class UserCalls(PagingClient):
    """A customer's users: the list, and resetting a password."""

    async def list_customer_users(self, customer_id: str) -> list[CustomerUser]:
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/users"
        return await self._collect(target, CustomerUser)

    async def reset_user_password(self, customer_id: str, user_id: str, password: str, *,
                                  request_id: str) -> None:
        """Set a new password the user must change at the next sign-in. The password goes
        only into this request's body (never into a call record)."""
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/users/"
                  f"{segment(user_id, 'user_id')}/resetpassword")
        body = {"passwordProfile": {"password": password, "forceChangePassword": True},
                "attributes": {"objectType": "CustomerUser"}}
        await self._call("PATCH", target, json_body=body, request_id=request_id)
