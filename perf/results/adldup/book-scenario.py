#!/usr/bin/env python3
"""book-scenario.py N SEED: a liq simulate scenario of N accounts, each with one position in XUSDT (half long,
half short; half isolated at 2x-12x, half cross with 10%-60% of the notional; a fifth copies an earlier account's
position exactly: equal ADL ranks), a fund floor (ADL on, so the final table shows every ADL indicator), and the
mark moved to 103. Prints the YAML."""
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
print(f"name: {n} positions in one instrument, every ADL indicator in the final state")
print('liquidation: { mode: market, maxOpenOrders: 1024, fundFloor: "0" }')
print("""instruments:
  - symbol: XUSDT
    tickSize: "0.01"
    stepSize: "0.01"
    tiers:
      - { maxNotional: "1000000", maxLeverage: 20, mmr: "0.01", maintenanceAmount: "0" }""")
drawn = []
accounts = []
events = ['  - mark:     { symbol: XUSDT, price: "100" }']
for a in range(1, n + 1):
    if drawn and rng.random() < 0.2:
        p = rng.choice(drawn)
    else:
        p = (1 + rng.randrange(5000), 9500 + rng.randrange(1001), rng.choice([0, 2 + rng.randrange(11)]),
             10 + rng.randrange(51), rng.choice(["buy", "sell"]))
    drawn.append(p)
    qty, price, lev, margin, side = p
    notional = qty * price // 100
    accounts.append(f'  - {{ id: {a}, deposit: "{(notional * margin // 100 + 100) / 100:.2f}" }}')
    if lev:
        events.append(f'  - mode: {{ account: {a}, symbol: XUSDT, mode: isolated }}')
        events.append(f'  - leverage: {{ account: {a}, symbol: XUSDT, leverage: {lev} }}')
    events.append(f'  - fill: {{ account: {a}, symbol: XUSDT, side: {side}, qty: "{qty / 100:.2f}", '
                  f'price: "{price / 100:.2f}", tradeId: {a} }}')
events.append('  - mark:     { symbol: XUSDT, price: "103" }')
print("accounts:")
print("\n".join(accounts))
print("events:")
print("\n".join(events))
