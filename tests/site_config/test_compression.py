import gzip

from django.conf import settings


def test_pages_are_sent_compressed_to_browsers_that_accept_gzip(client, site_content):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert settings.SITE_NAME in gzip.decompress(response.content).decode()


def test_pages_are_sent_plain_to_clients_that_do_not_ask_for_gzip(client, site_content):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert settings.SITE_NAME in response.content.decode()
