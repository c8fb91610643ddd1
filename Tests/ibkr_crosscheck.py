"""Cross-check of `fsd gateway` with a TWS API client nobody here wrote: ib_async.

Connects ib_async to the gateway, requests SMART market depth and tick-by-tick trades, places a
bracket order and asserts the fills and statuses it sees. Exits 0 on success, 1 with a message
naming the failed check otherwise. Run by scripts/ibkr-crosscheck.
"""

import argparse
import asyncio
import sys

from ib_async import IB, Stock


def check(condition, message):
    if not condition:
        raise AssertionError(message)


async def wait_for(predicate, timeout, what):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.05)


async def main(port, symbol, timeout):
    ib = IB()
    await ib.connectAsync("127.0.0.1", port, clientId=11, timeout=10)
    check(ib.isConnected(), "ib_async did not connect")
    check(ib.client.serverVersion() == 178, f"server version {ib.client.serverVersion()}, expected 178")
    accounts = ib.managedAccounts()
    check(accounts == ["DU1234567"], f"managed accounts {accounts}")

    contract = Stock(symbol, "SMART", "USD", primaryExchange="NASDAQ")
    details = await ib.reqContractDetailsAsync(contract)
    check(len(details) == 1 and details[0].contract.symbol == symbol, f"contract details {details}")
    contract = details[0].contract

    depth = ib.reqMktDepth(contract, numRows=5, isSmartDepth=True)
    ticks = ib.reqTickByTickData(contract, "AllLast")
    quotes = ib.reqTickByTickData(contract, "BidAsk")
    await wait_for(lambda: len(depth.domBids) >= 3 and len(depth.domAsks) >= 3, timeout, "5-row depth")
    await wait_for(lambda: len(ticks.tickByTicks) >= 3, timeout, "tick-by-tick trades")
    await wait_for(lambda: len(quotes.tickByTicks) >= 1, timeout, "tick-by-tick quotes")
    bids = [level.price for level in depth.domBids]
    asks = [level.price for level in depth.domAsks]
    check(bids == sorted(bids, reverse=True), f"bids not best first: {bids}")
    check(asks == sorted(asks), f"asks not best first: {asks}")
    check(bids[0] < asks[0], f"crossed book: bid {bids[0]} ask {asks[0]}")
    check(all(t.price > 0 and t.size > 0 for t in ticks.tickByTicks), "a trade print without price or size")

    ask = depth.domAsks[0].price
    entry = round(ask + 0.05, 2)
    bracket = ib.bracketOrder("BUY", 100, entry, round(ask + 0.03, 2), round(ask - 0.03, 2))
    trades = [ib.placeOrder(contract, order) for order in bracket]
    parent, profit, loss = trades
    check([o.transmit for o in bracket] == [False, False, True], "bracket transmit flags")
    await wait_for(lambda: parent.orderStatus.status == "Filled", timeout, "the entry to fill")
    check(parent.filled() == 100, f"entry filled {parent.filled()}")
    check(parent.fills[0].execution.side == "BOT", "entry execution side")
    check(parent.fills[0].execution.price <= entry, "entry filled above its limit")
    await wait_for(
        lambda: {profit.orderStatus.status, loss.orderStatus.status} == {"Filled", "Cancelled"},
        timeout * 3,
        "one exit leg to fill and the other to be cancelled",
    )
    exit_trade = profit if profit.orderStatus.status == "Filled" else loss
    check(exit_trade.filled() == 100, f"exit filled {exit_trade.filled()}")
    check(all(f.execution.side == "SLD" for f in exit_trade.fills), "exit execution side")
    await wait_for(lambda: all(f.commissionReport.commission > 0 for f in ib.fills()), 5, "commission reports")
    fills = ib.fills()
    check(len({f.execution.execId for f in fills}) == len(fills), "duplicate execution ids")
    await asyncio.sleep(0.2)
    positions = [p for p in ib.positions() if p.contract.symbol == symbol]
    check(all(p.position == 0 for p in positions), f"position not flat: {positions}")
    ib.disconnect()
    leg = "take-profit" if exit_trade is profit else "stop-loss"
    return f"depth {len(bids)}x{len(asks)}, {len(ticks.tickByTicks)} prints, bracket filled via {leg}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--symbol", default="GOOG")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    try:
        summary = asyncio.run(main(args.port, args.symbol, args.timeout))
    except Exception as error:  # noqa: BLE001 - report every failure as one line
        print(f"ibkr-crosscheck: FAILED: {type(error).__name__}: {error}")
        sys.exit(1)
    print(f"ibkr-crosscheck: ok ({summary})")
