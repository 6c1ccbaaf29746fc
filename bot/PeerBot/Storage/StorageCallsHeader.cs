using Microsoft.Extensions.Options;

namespace PeerBot.Storage;

/// <summary>
/// With <c>Storage:ReportCalls</c> set (load runs, never production), every response says how many storage calls
/// its request made, in <see cref="StorageCalls.Header"/>. Off, it costs nothing: no scope is started.
/// </summary>
public static class StorageCallsHeader
{
    public static IApplicationBuilder UseStorageCallCounts(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<StorageOptions>>().Value.ReportCalls)
        {
            return app;
        }
        return app.Use(async (http, next) =>
        {
            var scope = StorageCalls.Begin();
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[StorageCalls.Header] = scope.Calls.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers[StorageCalls.ListHeader] = string.Join(", ", scope.List);
                return Task.CompletedTask;
            });
            await next(http);
        });
    }
}
