using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MspasTramite.Bench.Web;

/// Stripe events as Stripe sends them, signed with the app's webhook secret ("t=…,v1=…", HMAC-SHA256
/// of "{t}.{payload}", as `StripeWebhooks.Sign` in the tests and the payment sandbox sign them).
/// wrk's Lua cannot compute an HMAC, so each run gets a file of events signed beforehand, one per
/// line ("signature\tpayload"), within Stripe.net's five minutes of tolerance.
internal static class WebhookEvents
{
    public const string Secret = "whsec_mspas_webbench";

    // More than any run sends per second: past the end of the file wrk starts again at its top, and
    // "new" events would be duplicates. The run reports it if that ever happens.
    public const int PerSecond = 12_000;

    /// An event the app records and otherwise ignores (a payment intent's creation): the path every
    /// new event takes (signature, parse, duplicate check, insert), without settling a payment.
    public static string Payload(string id, DateTimeOffset at)
    {
        var e = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = at.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = "payment_intent.created",
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = "pi_" + id[4..],
                    ["object"] = "payment_intent",
                    ["amount"] = 50_000,
                    ["currency"] = "gtq",
                    ["status"] = "requires_payment_method",
                    ["livemode"] = false,
                },
            },
        };
        return e.ToJsonString();
    }

    public static string Sign(string payload, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// A file of <paramref name="count"/> distinct events, ids starting with <paramref name="prefix"/>.
    public static async Task WriteAsync(string file, string prefix, int count, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var writer = new StreamWriter(file, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var payload = Payload(string.Create(CultureInfo.InvariantCulture, $"evt_{prefix}{i:D8}"), now);
            await writer.WriteLineAsync($"{Sign(payload, now)}\t{payload}".AsMemory(), cancellationToken);
        }
    }

    /// wrk's script: POSTs the file's events in turn to the path given.
    public const string LuaScript = """
        -- Written by MspasTramite.Bench web (WebhookEvents.cs): signed Stripe events from a file.
        local requests = {}
        local i = 0
        local pause = 0
        function init(args)
          local path = args[2]
          pause = tonumber(args[3] or "0")
          for line in io.lines(args[1]) do
            local tab = line:find("\t", 1, true)
            requests[#requests + 1] = wrk.format("POST", path, {
              ["Content-Type"] = "application/json; charset=utf-8",
              ["Stripe-Signature"] = line:sub(1, tab - 1),
            }, line:sub(tab + 1))
          end
        end
        function request()
          i = i + 1
          if i > #requests then i = 1 end
          return requests[i]
        end
        """;

    /// The same with a pause of args[3] ms between requests on each connection (wrk's delay()), for
    /// a rate below the peak. Apart: wrk adds a timer per request when a script has delay() at all.
    public const string PacedLuaScript = LuaScript + """

        function delay()
          return pause
        end
        """;
}
