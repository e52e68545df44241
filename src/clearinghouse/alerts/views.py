from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Notice


@login_required
def notice_list(request):
    page = Paginator(Notice.objects.filter(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "alerts/list.html", {"page": page})


@login_required
@require_POST
def notices_read(request):
    """Mark one notice (``id``), several, or all (no ``id``) as read."""
    ids = [i for i in request.POST.getlist("id") if i.isdigit()] or None
    count = services.notices_mark_read(user=request.user, ids=ids)
    if ids is None and count:
        messages.success(request, _("All notices are marked as read."))
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "alerts:list"
    return redirect(target)
