"""What the mail-parser tests share."""


def normalise(text: str | None) -> str:
    """Strip every line, collapse runs of blank lines into one, trim the ends."""
    out: list[str] = []
    blank = False
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if not line:
            blank = True
            continue
        if blank and out:
            out.append("")
        blank = False
        out.append(line)
    return "\n".join(out)
