using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PeerBot.Tests.Auth;

/// <summary>What a channel token says; each test changes one thing from a valid token. No signing credentials: unsigned.</summary>
public sealed record ChannelToken(string Audience, string ServiceUrl, SigningCredentials? Signing)
{
    public string Issuer { get; init; } = ChannelIdentityServer.Issuer;

    public DateTime Expires { get; init; } = DateTime.UtcNow.AddMinutes(30);

    public string Encode()
    {
        var claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl };
        if (Signing is null)
        {
            // An unsigned token ("alg": "none"): the handler refuses to create one, so it is put together here.
            var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
            var payload = new JsonObject
            {
                ["iss"] = Issuer,
                ["aud"] = Audience,
                ["serviceurl"] = ServiceUrl,
                ["nbf"] = new DateTimeOffset(DateTime.UtcNow.AddMinutes(-1)).ToUnixTimeSeconds(),
                ["exp"] = new DateTimeOffset(Expires).ToUnixTimeSeconds(),
            };
            return $"{header}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.";
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            NotBefore = Expires.AddHours(-1),
            IssuedAt = Expires.AddHours(-1),
            Expires = Expires,
            SigningCredentials = Signing,
        });
    }
}
