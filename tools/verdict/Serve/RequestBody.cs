using Microsoft.AspNetCore.Http;

namespace Verdict.Cli.Serve;

/// <summary>Reads a request body whole, refusing one over the limit (413) or one that arrives too slowly (408).</summary>
public static class RequestBody
{
    /// <summary>The body, or null after a problem response was written.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext ctx, ServeOptions options)
    {
        var max = options.MaxBodyBytes;
        if (ctx.Request.ContentLength is { } declared && declared > max)
        {
            await TooLarge(ctx, max);
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        timeout.CancelAfter(options.BodyTimeout);
        var buffer = new MemoryStream(ctx.Request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await ctx.Request.Body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    await TooLarge(ctx, max);
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLarge(ctx, max);
            return null;
        }
        catch (BadHttpRequestException e)
        {
            await HttpProblems.Write(ctx, e.StatusCode, "bad-request", "the request body could not be read", Lower(e.Message));
            return null;
        }
        catch (IOException) when (ctx.RequestAborted.IsCancellationRequested || !ctx.Response.HasStarted)
        {
            // The client went away mid-body: nobody is left to answer.
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            ctx.Abort();
            return null;
        }
        catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
        {
            await HttpProblems.Write(ctx, StatusCodes.Status408RequestTimeout, "request-timeout", "the request body arrived too slowly",
                $"the whole body must arrive within {options.BodyTimeout.TotalSeconds:0} seconds");
            return null;
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;

    private static Task TooLarge(HttpContext ctx, long max)
    {
        // Tell the client we will not read the rest; Kestrel closes the connection after the response.
        ctx.Response.Headers.Connection = "close";
        return HttpProblems.Write(ctx, StatusCodes.Status413PayloadTooLarge, "body-too-large", "the request body is too large",
            $"the limit is {max} bytes");
    }
}
