import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
application = get_wsgi_application()

if os.environ.get("CLEARINGHOUSE_WARM_UP", "1") != "0":
    from clearinghouse.search import warmup

    warmup.start()  # the first search of this process need not load the embedder and jieba itself
