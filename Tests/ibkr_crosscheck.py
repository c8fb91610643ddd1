"""Cross-check of `fsd gateway` with a TWS API client nobody here wrote: ib_async.

Connects ib_async to the gateway, requests SMART market depth and tick-by-tick trades, places a
bracket order and asserts the fills and statuses it sees. Exits 0 on success, 1 with a message
naming the failed check otherwise. Run by scripts/ibkr-crosscheck.
"""

import argparse
import asyncio
import logging
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
    try:
        return await session(ib, port, symbol, timeout)
    finally:
        ib.disconnect()


async def session(ib, port, symbol, timeout):
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
    ticker = ib.reqTickByTickData(contract, "AllLast")
    ib.reqTickByTickData(contract, "BidAsk")
    # ib_async keeps one ticker per contract and clears tickByTicks on each update: collect them.
    prints, quotes = [], []

    def collect(updated):
        for tick in updated.tickByTicks:
            (prints if hasattr(tick, "price") else quotes).append(tick)

    ticker.updateEvent += collect
    await wait_for(lambda: len(depth.domBids) >= 3 and len(depth.domAsks) >= 3, timeout, "5-row depth")
    await wait_for(lambda: len(prints) >= 3, timeout, "tick-by-tick trades")
    await wait_for(lambda: len(quotes) >= 1, timeout, "tick-by-tick quotes")
    bids = [level.price for level in depth.domBids]
    asks = [level.price for level in depth.domAsks]
    check(bids == sorted(bids, reverse=True), f"bids not best first: {bids}")
    check(asks == sorted(asks), f"asks not best first: {asks}")
    check(bids[0] < asks[0], f"crossed book: bid {bids[0]} ask {asks[0]}")
    check(all(t.price > 0 and t.size > 0 for t in prints), "a trade print without price or size")
    check(all(q.bidPrice < q.askPrice for q in quotes), "a crossed BidAsk quote")

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
    fills = ib.fills()
    await wait_for(lambda: all(f.commissionReport.execId == f.execution.execId for f in fills), 5, "commission reports")
    for trade in (parent, exit_trade):
        paid = sum(f.commissionReport.commission for f in trade.fills)
        check(abs(paid - 1.0) < 1e-9, f"order {trade.order.orderId} paid {paid} commission, expected the $1 minimum")
    check(len({f.execution.execId for f in fills}) == len(fills), "duplicate execution ids")
    await asyncio.sleep(0.2)
    positions = [p for p in ib.positions() if p.contract.symbol == symbol]
    check(all(p.position == 0 for p in positions), f"position not flat: {positions}")
    leg = "take-profit" if exit_trade is profit else "stop-loss"
    return f"depth {len(bids)}x{len(asks)}, {len(prints)} prints, {len(quotes)} quotes, bracket closed by the {leg}"


if __name__ == "__main__":
    # ib_async logs error 202 (the cancelled bracket leg) and friends; this script reports one line.
    logging.getLogger("ib_async").addHandler(logging.NullHandler())
    logging.getLogger("ib_async").propagate = False
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
