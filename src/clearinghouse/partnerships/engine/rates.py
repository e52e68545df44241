"""Indicative US dollars per unit of each currency, only to tell whether two budgets are of the same size.

Two records of one activity often give its budget in the funder's and the implementer's currency. The
detector compares magnitudes (within about 25 %), so rough mid-2020s rates are enough; nothing is summed or
shown with them. An unknown currency makes the budget comparison neutral.
"""

USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "CAD": 0.74, "AUD": 0.66, "NZD": 0.61, "JPY": 0.0068,
    "CNY": 0.139, "KRW": 0.00074, "INR": 0.012, "PKR": 0.0036, "BDT": 0.0085, "NPR": 0.0075, "LKR": 0.0033,
    "THB": 0.028, "VND": 0.00004, "IDR": 0.000063, "PHP": 0.018, "MYR": 0.21, "SGD": 0.74, "RUB": 0.011,
    "TJS": 0.092, "KZT": 0.0021, "UZS": 0.00008, "KGS": 0.0114, "AMD": 0.0026, "GEL": 0.37, "AZN": 0.59,
    "TRY": 0.031, "UAH": 0.025, "BRL": 0.19, "MXN": 0.055, "COP": 0.00025, "PEN": 0.27, "CLP": 0.0011,
    "ARS": 0.0011, "BOB": 0.145, "DOP": 0.017, "HTG": 0.0076, "JMD": 0.0064, "XCD": 0.37, "BBD": 0.5,
    "BSD": 1.0, "TTD": 0.147, "GTQ": 0.13, "CRC": 0.0019, "KES": 0.0077, "TZS": 0.00039, "UGX": 0.00027,
    "ETB": 0.0175, "ZAR": 0.054, "NGN": 0.00065, "GHS": 0.067, "XOF": 0.00165, "XAF": 0.00165, "MAD": 0.1,
    "DZD": 0.0074, "TND": 0.32, "EGP": 0.021, "SAR": 0.267, "AED": 0.272, "QAR": 0.275, "OMR": 2.6,
    "JOD": 1.41, "IQD": 0.00076, "IRR": 0.000024, "MGA": 0.00022, "MZN": 0.0157, "ZMW": 0.038, "BWP": 0.074,
    "NAD": 0.054, "MUR": 0.022, "SCR": 0.073, "FJD": 0.44, "WST": 0.36, "TOP": 0.42, "VUV": 0.0084,
    "SBD": 0.12, "PGK": 0.26, "NOK": 0.093, "SEK": 0.095, "DKK": 0.145, "PLN": 0.25, "CZK": 0.043,
    "HUF": 0.0027, "RON": 0.22, "BGN": 0.55, "RSD": 0.0092, "ALL": 0.0107, "MKD": 0.0175, "BAM": 0.55,
    "MNT": 0.00029, "LAK": 0.000047, "KHR": 0.00024, "MMK": 0.00048,
}


def to_usd(amount: float | None, currency: str | None) -> float | None:
    if amount is None or not currency:
        return None
    rate = USD_PER_UNIT.get(currency.upper())
    return None if rate is None else float(amount) * rate
