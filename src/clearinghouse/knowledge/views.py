from django.shortcuts import render


def record_list(request):
    return render(request, "knowledge/list.html", {})


def review_queue(request):
    return render(request, "knowledge/review_queue.html", {})


def record_detail(request, identifier):
    return render(request, "knowledge/detail.html", {})


def record_draft(request, identifier):
    return render(request, "knowledge/draft.html", {})
