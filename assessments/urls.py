from django.urls import path

from assessments import accounts, views
from assessments.counselor import views as counselor_views

app_name = "assessments"

urlpatterns = [
    path("assess/", views.start, name="start"),
    path("assess/<slug:token>/", views.draft_resume, name="draft-resume"),
    path("assess/<slug:token>/step/<int:step>/", views.draft_step, name="draft-step"),
    path("assess/<slug:token>/checks/", views.draft_checks, name="draft-checks"),
    path("assess/<slug:token>/saved/", views.draft_saved, name="draft-saved"),
    path("results/<slug:token>/", views.result_detail, name="result-detail"),
    path("results/<slug:token>/report.json", views.result_json_download, name="result-json"),
    path("results/<slug:token>/report.csv", views.result_csv_download, name="result-csv"),
    path("results/<slug:token>/report.pdf", views.result_pdf_download, name="result-pdf"),
    path("results/<slug:token>/delete/", views.result_delete, name="result-delete"),
    path("results/<slug:token>/rescore/", views.result_rescore, name="result-rescore"),
    path("results/<slug:token>/retake/", views.result_retake, name="result-retake"),
    path(
        "results/<slug:token>/judge/<slug:role_slug>/",
        views.result_judge,
        name="result-judge",
    ),
    path("results/<slug:token>/share/", views.result_share, name="result-share"),
    path("results/<slug:token>/compare/", views.result_compare, name="result-compare"),
    path("results/<slug:token>/unsure/", views.result_unsure, name="result-unsure"),
    path(
        "results/<slug:token>/steps/<int:step_pk>/done/",
        views.result_step_mark,
        name="result-step-mark",
    ),
    path("results/<slug:token>/withdraw/", views.result_withdraw, name="result-withdraw"),
    path("how-we-score/", views.scoring_method, name="scoring-method"),
    path("account/results/", accounts.my_results, name="my-results"),
    path("account/claim/", accounts.claim, name="account-claim"),
    path("browser/forget/", views.forget_browser, name="forget-browser"),
    path("account/data.json", accounts.my_data, name="my-data"),
    path("account/delete/", accounts.account_delete, name="account-delete"),
    path("counselor/", counselor_views.dashboard, name="counselor-dashboard"),
    path("counselor/results.csv", counselor_views.results_csv, name="counselor-results-csv"),
    path("counselor/cohort/", counselor_views.cohort, name="counselor-cohort"),
    path("counselor/cohort.csv", counselor_views.cohort_csv, name="counselor-cohort-csv"),
    path("counselor/results/<int:pk>/", counselor_views.result, name="counselor-result"),
    path(
        "counselor/results/<int:pk>/report.pdf",
        counselor_views.result_pdf,
        name="counselor-result-pdf",
    ),
    path(
        "counselor/results/<int:pk>/status/",
        counselor_views.result_status,
        name="counselor-result-status",
    ),
    path("counselor/results/<int:pk>/notes/", counselor_views.note_add, name="counselor-note-add"),
    path(
        "counselor/results/<int:pk>/steps/",
        counselor_views.action_step_add,
        name="counselor-step-add",
    ),
    path(
        "counselor/results/<int:pk>/steps/<int:step_pk>/done/",
        counselor_views.action_step_done,
        name="counselor-step-done",
    ),
    path(
        "counselor/results/<int:pk>/steps/<int:step_pk>/remove/",
        counselor_views.action_step_remove,
        name="counselor-step-remove",
    ),
]
