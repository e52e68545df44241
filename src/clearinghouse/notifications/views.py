from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import Notice


@login_required
def notice_list(request):
    page = Paginator(Notice.objects.filter(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notices_read(request):
    ids = request.POST.getlist("id") or None
    services.notices_mark_read(user=request.user, ids=ids)
    return redirect(request.POST.get("next") or "notifications:list")
