using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>What one external URL answered.</summary>
/// <param name="Ok">True for a final 2xx answer (after redirects).</param>
/// <param name="Known">False when the URL could not be checked this time (budget spent, still rate-limited): neither reported nor cached.</param>
/// <param name="Message">The status code, or why the check failed.</param>
/// <param name="CheckedAt">When the answer came.</param>
public sealed record ExternalResult(bool Ok, bool Known, string Message, DateTimeOffset CheckedAt);

/// <summary>Counts of one external check, for the verbose report.</summary>
public sealed record ExternalSummary(int Urls, int FromCache, int Requests, int Failed, int Unchecked);

/// <summary>
/// Checks http(s) links: HEAD, then GET when HEAD fails; redirects followed; a per-request timeout;
/// per-host concurrency and spacing; <c>Retry-After</c> honoured on 429/503; a bound on total time
/// and request count; an exclude list. Successes are cached for <c>cache_hours</c> in a JSON file
/// outside the output folder; failures are cached too but always checked again.
/// </summary>
public sealed class ExternalLinkChecker(ExternalSettings settings, string cachePath, HttpMessageHandler? handler = null)
{
    /// <summary>The cache file of a site: <c>.guidebuilder/cache/external.json</c> in the site folder.</summary>
    public static string CachePathFor(string siteDir) => Path.Combine(siteDir, ".guidebuilder", "cache", "external.json");

    /// <summary>Longest <c>Retry-After</c> the checker waits for; a server asking more is left unchecked.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private int _requests;

    /// <summary>Checks every external link of <paramref name="guides"/> and reports failures as <c>link.external</c> at each link.</summary>
    public ExternalSummary Check(IReadOnlyList<Guide> guides, DiagnosticBag bag, Func<LinkRef, bool> skip)
    {
        var uses = new Dictionary<string, List<(Guide Guide, LinkRef Link)>>(StringComparer.Ordinal);
        foreach (var guide in guides)
        {
            foreach (var link in guide.Links)
            {
                if (skip(link) || Normalize(link.Url) is not { } url || IsExcluded(url)) continue;
                if (!uses.TryGetValue(url, out var list)) uses[url] = list = [];
                list.Add((guide, link));
            }
        }
        var cache = ExternalCache.Load(cachePath);
        var now = DateTimeOffset.UtcNow;
        var ttl = TimeSpan.FromHours(Math.Max(0, settings.CacheHours));
        var results = new ConcurrentDictionary<string, ExternalResult>(StringComparer.Ordinal);
        var toCheck = new List<Uri>();
        var fromCache = 0;
        foreach (var url in uses.Keys)
        {
            if (cache.TryGet(url, out var cached) && cached.Ok && now - cached.CheckedAt < ttl)
            {
                results[url] = cached;
                fromCache++;
            }
            else
            {
                toCheck.Add(new Uri(url));
            }
        }
        CheckAllAsync(toCheck, results).GetAwaiter().GetResult();

        var failed = 0;
        var skipped = 0;
        foreach (var (url, list) in uses)
        {
            if (!results.TryGetValue(url, out var r) || !r.Known)
            {
                skipped++;
                continue;
            }
            cache.Set(url, r);
            if (r.Ok) continue;
            failed++;
            foreach (var (guide, link) in list)
            {
                new PageReporter(guide, bag).Report(Rules.LinkExternal, link.Line, link.Column, $"{link.Url}: {r.Message}");
            }
        }
        cache.Save(cachePath);
        return new ExternalSummary(uses.Count, fromCache, _requests, failed, skipped);
    }

    /// <summary>The URL to request (fragment dropped, protocol-relative made https), or null when it is not http(s).</summary>
    public static string? Normalize(string raw)
    {
        var url = raw.Trim();
        if (url.StartsWith("//", StringComparison.Ordinal)) url = "https:" + url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
        if (uri.Host.Length == 0) return null;
        var hash = url.IndexOf('#');
        return hash >= 0 ? url[..hash] : url;
    }

    /// <summary>An exclude entry is a URL prefix (<c>https://x.org/private/</c>) or a host (<c>example.com</c>, <c>*.example.com</c>).</summary>
    private bool IsExcluded(string url)
    {
        if (settings.Exclude.Count == 0) return false;
        var host = new Uri(url).Host;
        foreach (var e in settings.Exclude)
        {
            if (e.Contains("://", StringComparison.Ordinal))
            {
                if (url.StartsWith(e, StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (e.StartsWith("*.", StringComparison.Ordinal))
            {
                if (host.EndsWith(e[1..], StringComparison.OrdinalIgnoreCase) || host.Equals(e[2..], StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (host.Equals(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private async Task CheckAllAsync(List<Uri> urls, ConcurrentDictionary<string, ExternalResult> results)
    {
        if (urls.Count == 0) return;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, settings.MaxSeconds)));
        using var client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GuideBuilder-LinkCheck/1.0");
        var hosts = urls.GroupBy(u => u.Host, StringComparer.OrdinalIgnoreCase).Select(g => CheckHostAsync(client, g.ToList(), results, budget.Token));
        await Task.WhenAll(hosts).ConfigureAwait(false);
    }

    private async Task CheckHostAsync(HttpClient client, List<Uri> urls, ConcurrentDictionary<string, ExternalResult> results, CancellationToken budget)
    {
        var gate = new SemaphoreSlim(Math.Max(1, settings.PerHost));
        var spacing = TimeSpan.FromMilliseconds(Math.Max(0, settings.SpacingMs));
        var next = Stopwatch.GetTimestamp();
        var sync = new object();

        async Task Turn()
        {
            long wait;
            lock (sync)
            {
                var now = Stopwatch.GetTimestamp();
                var start = Math.Max(now, next);
                next = start + (long)(spacing.TotalSeconds * Stopwatch.Frequency);
                wait = start - now;
            }
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), budget).ConfigureAwait(false);
        }

        void Defer(TimeSpan delay)
        {
            lock (sync) next = Math.Max(next, Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));
        }

        async Task One(Uri uri)
        {
            await gate.WaitAsync(budget).ConfigureAwait(false);
            try
            {
                results[uri.OriginalString] = await CheckOneAsync(client, uri, Turn, Defer, budget).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        try
        {
            await Task.WhenAll(urls.Select(One)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            // Out of time: what was not checked stays unknown.
        }
    }

    private async Task<ExternalResult> CheckOneAsync(HttpClient client, Uri uri, Func<Task> turn, Action<TimeSpan> defer, CancellationToken budget)
    {
        var unknown = new ExternalResult(false, false, "not checked", DateTimeOffset.UtcNow);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var head = await SendAsync(client, HttpMethod.Head, uri, turn, budget).ConfigureAwait(false);
            var answer = head;
            if (head.Status is { } hs && !IsSuccess(hs) && hs is not (429 or 503))
            {
                answer = await SendAsync(client, HttpMethod.Get, uri, turn, budget).ConfigureAwait(false);
            }
            if (answer.Unchecked) return unknown;
            if (answer.Status is { } s)
            {
                if (IsSuccess(s)) return new ExternalResult(true, true, $"{s}", DateTimeOffset.UtcNow);
                if (s is 429 or 503 && answer.RetryAfter is { } ra)
                {
                    if (ra > MaxRetryAfter) return unknown with { Message = $"rate-limited ({s}); the server asked to wait {ra.TotalSeconds:0} s" };
                    defer(ra);
                    continue;
                }
                if (s == 429) return unknown with { Message = "rate-limited (429)" };
                return new ExternalResult(false, true, $"the server answered {s} {answer.Reason}".TrimEnd(), DateTimeOffset.UtcNow);
            }
            return new ExternalResult(false, true, answer.Error ?? "no answer", DateTimeOffset.UtcNow);
        }
        return unknown with { Message = "still rate-limited after waiting as asked" };
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private sealed record Answer(int? Status, string Reason, TimeSpan? RetryAfter, string? Error, bool Unchecked);

    private async Task<Answer> SendAsync(HttpClient client, HttpMethod method, Uri uri, Func<Task> turn, CancellationToken budget)
    {
        if (Interlocked.Increment(ref _requests) > Math.Max(1, settings.MaxRequests))
        {
            Interlocked.Decrement(ref _requests);
            return new Answer(null, "", null, null, Unchecked: true);
        }
        await turn().ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(budget);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
        try
        {
            using var request = new HttpRequestMessage(method, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var retry = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } d ? d - DateTimeOffset.UtcNow : null)
                : null;
            if (retry < TimeSpan.Zero) retry = TimeSpan.Zero;
            return new Answer((int)response.StatusCode, response.ReasonPhrase ?? "", retry, null, false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return new Answer(null, "", null, null, Unchecked: true);
        }
        catch (OperationCanceledException)
        {
            return new Answer(null, "", null, $"no answer within {Math.Max(1, settings.TimeoutSeconds)} s", false);
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, "", null, "could not connect: " + (e.InnerException?.Message ?? e.Message), false);
        }
    }
}
