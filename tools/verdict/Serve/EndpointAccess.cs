using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Verdict.Cli.Serve;

/// <summary>Who may call an endpoint, as endpoint metadata. Routing has already matched the request (whatever its
/// case or trailing slash), so the check belongs to the endpoint, never to a path string.</summary>
public enum Access
{
    /// <summary>Anyone (health probes: they reveal nothing but "up").</summary>
    Open,
    /// <summary>The token holder, or anyone when no token is configured (loopback only).</summary>
    Token,
    /// <summary>Changes the server's state: the token holder only; refused outright when no token is configured.</summary>
    StateChange,
}

/// <summary>Endpoint metadata naming the <see cref="Access"/> of an endpoint.</summary>
public sealed record AccessMetadata(Access Access);

/// <summary>The authorization of <c>verdict serve</c>: a bearer token compared in constant time.</summary>
public sealed class EndpointAccess
{
    private readonly byte[]? _tokenHash;

    /// <summary>Checks against <paramref name="token"/>; null serves without a token.</summary>
    public EndpointAccess(string? token) =>
        _tokenHash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when a token is configured.</summary>
    public bool TokenRequired => _tokenHash is not null;

    /// <summary>The access an endpoint asks for; a request that matched no endpoint needs the token (an unknown path
    /// tells an unauthenticated caller nothing).</summary>
    public static Access Of(HttpContext ctx) => ctx.GetEndpoint()?.Metadata.GetMetadata<AccessMetadata>()?.Access ?? Access.Token;

    /// <summary>True when the request carries the configured token. Both sides are hashed first, so the comparison
    /// takes the same time whatever the length or content of the guess.</summary>
    public bool Authenticated(HttpContext ctx)
    {
        if (_tokenHash is null) return false;
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header.AsSpan(7).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(given, _tokenHash);
    }

    /// <summary>A 401/403 response when the request may not proceed, else null.</summary>
    public Task? Deny(HttpContext ctx, Access access)
    {
        if (access == Access.Open) return null;
        if (_tokenHash is null)
            return access == Access.StateChange
                ? HttpProblems.Write(ctx, StatusCodes.Status403Forbidden, "forbidden", "reloading over HTTP needs a token",
                    "start the server with --token-file or VERDICT_TOKEN, or send it SIGHUP, or change a policy file")
                : null;
        if (Authenticated(ctx)) return null;
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return HttpProblems.Write(ctx, StatusCodes.Status401Unauthorized, "unauthorized", "a valid bearer token is required",
            "send `Authorization: Bearer <token>`");
    }
}

/// <summary>Declares the access of mapped endpoints.</summary>
public static class AccessExtensions
{
    /// <summary>Marks the endpoint with <paramref name="access"/>.</summary>
    public static TBuilder WithAccess<TBuilder>(this TBuilder builder, Access access) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AccessMetadata(access));
        return builder;
    }
}
