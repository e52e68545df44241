"""Who may do what with decisions: the public reads them, the secretariat keeps them."""

from clearinghouse.accounts.permissions import is_secretariat


def can_edit_decisions(user) -> bool:
    return is_secretariat(user)
