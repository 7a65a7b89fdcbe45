from __future__ import annotations


async def test_backend_notices_are_shown_when_the_console_opens(make_console):
    console = make_console(customers=2)
    console.backend.notices = ["The local cache could not be used (x). It was moved to y."]
    async with console.app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in console.app._notifications]
        assert any("could not be used" in message for message in messages)
