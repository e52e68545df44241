import pytest


@pytest.mark.django_db
def test_null_character_in_query_string_gets_a_clear_400(client):
    response = client.get("/search/?q=man%00grove")
    assert response.status_code == 400
    assert "null character" in response.content.decode()


@pytest.mark.django_db
def test_null_character_in_api_json_body_gets_400_and_nothing_is_saved(client):
    from clearinghouse.knowledge.models import Record

    response = client.post("/api/v1/records/", data='{"title": "a\\u0000b"}', content_type="application/json")
    assert response.status_code == 400
    assert Record.objects.count() == 0


@pytest.mark.django_db
def test_ordinary_requests_pass(client):
    assert client.get("/search/?q=mangrove").status_code == 200


@pytest.mark.django_db
def test_api_answers_null_characters_with_documented_json(client):
    response = client.get("/api/v1/search/?q=a%00b")
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "400" in schema["paths"]["/api/v1/search/"]["get"]["responses"]
