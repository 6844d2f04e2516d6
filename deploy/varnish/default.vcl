vcl 4.1;

# Varnish in front of the app servers. Public pages carry Cache-Control with s-maxage,
# stale-while-revalidate and stale-if-error and an ETag; Varnish follows them. Publishing
# sends BAN with X-Ban-Url (a regular expression on the URL) from the app servers.

import directors;

backend app1 { .host = "127.0.0.1"; .port = "8001"; .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; } }
backend app2 { .host = "127.0.0.1"; .port = "8002"; .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; } }

# Only the app servers may ban.
acl purgers { "127.0.0.1"; }

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    # Staff, the symptom form's answers and anything with a session go straight through.
    if (req.http.Cookie ~ "(sessionid|messages|csrftoken|answers)") {
        return (pass);
    }
    # Public pages set no cookie and read none; other cookies must not split the cache.
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # Kept for BANs, which are evaluated against stored objects (ban lurker friendly).
    set beresp.http.x-url = bereq.url;
    # Serve a stored page for a day when the app servers are down (stale-if-error).
    set beresp.grace = 24h;
}

sub vcl_backend_error {
    # No stored copy and no app server: the page says clearly what is unavailable and where
    # to get help. The numbers are the site's defaults (SITE_EMERGENCY_NUMBER and
    # SITE_URGENT_SERVICE / SITE_URGENT_NUMBER): change them here too for another country.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    if (bereq.url ~ "^/check-your-symptoms/") {
        synthetic({"<!doctype html><html lang="en-GB"><title>Symptom checker unavailable</title><h1>The symptom checker is not working just now</h1><p>Please try again in a few minutes.</p><p>If you think it is an emergency, call <a href="tel:999">999</a> now. For urgent help that is not an emergency, call NHS 111 on <a href="tel:111">111</a>.</p></html>"});
    } else {
        synthetic({"<!doctype html><html lang="en-GB"><title>Unavailable</title><h1>This page is unavailable just now</h1><p>Please try again in a few minutes.</p><p>If you think it is an emergency, call <a href="tel:999">999</a> now. For urgent help that is not an emergency, call NHS 111 on <a href="tel:111">111</a>.</p></html>"});
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
