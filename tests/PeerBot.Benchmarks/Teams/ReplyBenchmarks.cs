using System.Net;
using Microsoft.AspNetCore.Http;
using BenchmarkDotNet.Attributes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using PeerBot.Teams;

namespace PeerBot.Benchmarks.Teams;

/// <summary>
/// CPU per echo reply through CloudAdapter: as the SDK samples wire it; with the shared contract resolver alone (the
/// SDK's clients still built per turn); and as PeerBot wires it (<see cref="SharedContractAuthentication"/>: the
/// shared resolver and ConnectorClients kept between turns). The connector answers in process, so only the SDK's own
/// work is measured.
/// </summary>
[MemoryDiagnoser]
public class ReplyBenchmarks
{
    private CloudAdapter _samplesWiring = null!;
    private CloudAdapter _sharedResolver = null!;
    private CloudAdapter _peerBotWiring = null!;
    private byte[] _body = null!;
    private readonly IBot _echo = new EchoBot();

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
        }).Build();
        var http = new InProcessConnector();
        _samplesWiring = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: http));
        _sharedResolver = new CloudAdapter(new ResolverOnlyAuthentication(new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: http)));
        _peerBotWiring = new CloudAdapter(new SharedContractAuthentication(new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: http)));
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            Text = "hello",
            ChannelId = "msteams",
            ServiceUrl = "http://connector.invalid/",
            From = new ChannelAccount("29:user", "User", aadObjectId: "user"),
            Recipient = new ChannelAccount("28:bot", "PeerBot"),
            Conversation = new ConversationAccount(id: "a:conversation", conversationType: "personal", tenantId: "tenant"),
        };
        _body = System.Text.Encoding.UTF8.GetBytes(Newtonsoft.Json.JsonConvert.SerializeObject(activity));
    }

    [Benchmark(Baseline = true, Description = "Reply, samples' wiring")]
    public Task SamplesWiring() => _samplesWiring.ProcessAsync(Request(out var response), response, _echo);

    [Benchmark(Description = "Reply, shared resolver, clients per turn")]
    public Task SharedResolver() => _sharedResolver.ProcessAsync(Request(out var response), response, _echo);

    [Benchmark(Description = "Reply, PeerBot's wiring (kept clients)")]
    public Task PeerBotWiring() => _peerBotWiring.ProcessAsync(Request(out var response), response, _echo);

    private HttpRequest Request(out HttpResponse response)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(_body, writable: false);
        response = context.Response;
        return context.Request;
    }

    private sealed class EchoBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            turnContext.SendActivityAsync(MessageFactory.Text("echo: " + turnContext.Activity.Text), cancellationToken);
    }

    /// <summary>Answers every connector call at once with a resource id, as the Bot Connector does.</summary>
    private sealed class InProcessConnector : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Answer());

        private sealed class Answer : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"reply\"}", System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
