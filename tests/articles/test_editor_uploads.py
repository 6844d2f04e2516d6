"""Images uploaded through the editor: real JPEG, PNG and WebP only, re-encoded, renamed."""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db

UPLOAD = reverse("markdownx_upload")
STORED_NAME = re.compile(r"^!\[Describe the image\]\(/media/markdownx/([0-9a-f]{32})\.(\w+)\)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(image_format, size=(40, 30), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 40, 40)).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def upload(client, content, name="picture.png", content_type="image/png"):
    return client.post(
        UPLOAD,
        {"image": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.parametrize(
    ("image_format", "content_type", "extension"),
    [("JPEG", "image/jpeg", "jpg"), ("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")],
)
def test_real_images_are_stored_under_a_new_name(
    editor_client, media_root, image_format, content_type, extension
):
    response = upload(
        editor_client, image_bytes(image_format), "My Photo.exe", content_type=content_type
    )

    assert response.status_code == 200
    match = STORED_NAME.match(response.json()["image_code"])
    assert match, response.json()
    assert match.group(2) == extension
    stored = media_root / "markdownx" / f"{match.group(1)}.{extension}"
    with Image.open(stored) as image:
        assert image.format == image_format
        assert image.size == (40, 30)


def test_the_stored_file_is_a_fresh_encoding_without_metadata(editor_client, media_root):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at home, 12 Acacia Avenue")
    original = image_bytes("PNG", pnginfo=info)

    response = upload(editor_client, original)

    name = STORED_NAME.match(response.json()["image_code"]).group(1)
    stored = (media_root / "markdownx" / f"{name}.png").read_bytes()
    assert stored != original
    assert b"Acacia" not in stored


@pytest.mark.parametrize(
    ("image_format", "content_type", "extension"),
    [("JPEG", "image/jpeg", "jpg"), ("WEBP", "image/webp", "webp"), ("PNG", "image/png", "png")],
)
def test_comments_exif_and_colour_profiles_do_not_survive_the_upload(
    editor_client, media_root, image_format, content_type, extension
):
    exif = Image.Exif()
    exif[0x010F] = "Acacia Camera Company"  # Make
    exif[0x0112] = 6  # Orientation: the picture is turned on its side
    options = {"exif": exif.tobytes(), "icc_profile": b"Acacia colour profile"}
    if image_format == "JPEG":
        options["comment"] = b"taken at 12 Acacia Avenue"
    original = image_bytes(image_format, **options)

    response = upload(editor_client, original, content_type=content_type)

    name = STORED_NAME.match(response.json()["image_code"]).group(1)
    stored = media_root / "markdownx" / f"{name}.{extension}"
    assert b"Acacia" not in stored.read_bytes()
    with Image.open(stored) as image:
        assert not image.getexif()
        assert image.size == (30, 40), "the orientation is applied to the pixels, then dropped"


def test_the_file_type_comes_from_the_content_not_the_name(editor_client, media_root):
    response = upload(editor_client, image_bytes("JPEG"), "photo.png", content_type="image/png")

    assert STORED_NAME.match(response.json()["image_code"]).group(2) == "jpg"


def test_large_pictures_are_scaled_down(editor_client, media_root):
    response = upload(editor_client, image_bytes("PNG", size=(3200, 800)))

    name = STORED_NAME.match(response.json()["image_code"]).group(1)
    with Image.open(media_root / "markdownx" / f"{name}.png") as image:
        assert image.size == (1600, 400)


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="5"/></svg>"""
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        pytest.param(SVG, "drawing.svg", "image/svg+xml", id="svg"),
        pytest.param(SVG, "drawing.png", "image/png", id="svg-named-png"),
        pytest.param(HTML, "page.png", "image/png", id="html-named-png"),
        pytest.param(b"GIF89a" + HTML, "page.png", "image/png", id="html-behind-a-gif-header"),
        pytest.param(image_bytes("GIF"), "anim.gif", "image/gif", id="real-gif"),
        pytest.param(image_bytes("BMP"), "old.bmp", "image/bmp", id="real-bmp"),
        pytest.param(image_bytes("PNG")[:60], "broken.png", "image/png", id="truncated-png"),
        pytest.param(b"", "empty.png", "image/png", id="empty"),
    ],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(
    editor_client, media_root, content, name, content_type
):
    response = upload(editor_client, content, name, content_type)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not (media_root / "markdownx").exists()


@pytest.mark.parametrize(
    "polyglot",
    [
        pytest.param(image_bytes("PNG") + HTML, id="png-with-a-page-appended"),
        pytest.param(
            image_bytes("JPEG", comment=b"<script>alert(1)</script>"), id="jpeg-with-script-comment"
        ),
        pytest.param(image_bytes("PNG") + b"<iframe src=//evil.example>", id="png-with-iframe"),
    ],
)
def test_images_that_also_contain_a_web_page_are_refused(editor_client, media_root, polyglot):
    with Image.open(io.BytesIO(polyglot)) as image:
        image.load()  # Pillow alone would accept these files

    response = upload(editor_client, polyglot)

    assert response.status_code == 400
    assert "web page code" in response.json()["error"]
    assert not (media_root / "markdownx").exists()


def test_files_over_5_mb_are_refused(editor_client, media_root):
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 5 * 1024 * 1024

    response = upload(editor_client, buffer.getvalue())

    assert response.status_code == 400
    assert "The largest you can upload is 5 MB" in response.json()["error"]
    assert not (media_root / "markdownx").exists()


def test_an_upload_without_a_file_gets_a_clear_message(editor_client):
    response = editor_client.post(UPLOAD, {})

    assert response.status_code == 400
    assert response.json() == {"error": "Choose an image to upload."}


def test_uploaded_names_never_repeat(editor_client, media_root):
    codes = {upload(editor_client, image_bytes("PNG")).json()["image_code"] for _ in range(3)}

    assert len(codes) == 3
    assert len(list(Path(media_root, "markdownx").iterdir())) == 3


def test_a_small_file_of_an_enormous_picture_is_refused_before_decoding(editor_client, media_root):
    buffer = io.BytesIO()
    Image.new("1", (10000, 5000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000

    response = upload(editor_client, buffer.getvalue())

    assert response.status_code == 400
    assert "10000 × 5000 pixels" in response.json()["error"]
    assert not (media_root / "markdownx").exists()
