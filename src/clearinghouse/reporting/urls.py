from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.report_open, name="open"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>.<str:fmt>", views.template_export, name="template-export"),
    path("mappings/", views.mappings, name="mappings"),
    path("targets/<str:code>/", views.national_targets, name="targets"),
    path("indicators/<str:code>/", views.indicators, name="indicators"),
    path("indicators/<str:code>/indicators.xlsx", views.indicators_xlsx, name="indicators-xlsx"),
    path("open-data.<str:fmt>", views.open_data, name="open-data"),
    path("r/<str:number>/", views.report_detail, name="report"),
    path("r/<str:number>/assign/", views.report_assign, name="assign"),
    path("r/<str:number>/do/<str:action>/", views.report_action, name="action"),
    path("r/<str:number>/accept/", views.offer_accept, name="accept"),
    path("r/<str:number>/comment/", views.comment_add, name="comment"),
    path("r/<str:number>/print/", views.report_print, name="print"),
    path("r/<str:number>/questionnaire.xlsx", views.report_xlsx, name="xlsx"),
    path("r/<str:number>/upload/", views.report_upload, name="upload"),
    path("r/<str:number>/q/<str:key>/", views.question_history, name="history"),
    path("r/<str:number>/s/<str:section_key>/", views.section_edit, name="section"),
    path("r/<str:number>/s/<str:section_key>/autosave/", views.autosave, name="autosave"),
]
