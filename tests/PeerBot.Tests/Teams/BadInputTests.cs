using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Tests.Teams;

public sealed class BadInputTests() : BotTestBase("badinput")
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "{ not json", "not valid JSON" },
        { "[1, 2, 3]", "must be a JSON object" },
        { "\"just a string\"", "must be a JSON object" },
        { "{\"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:1/\"}", "no 'type'" },
        { "{\"type\": 42, \"conversation\": {\"id\": \"c\"}}", "no 'type'" },
        { "{\"type\": \"message\", \"serviceUrl\": \"http://127.0.0.1:1/\", \"from\": {\"id\": \"x\"}}", "no 'conversation'" },
        { "{\"type\": \"message\", \"conversation\": \"c\", \"serviceUrl\": \"http://127.0.0.1:1/\"}", "no 'conversation'" },
        { "{\"type\": \"teleport\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:1/\"}", "Unknown activity type" },
        { "{\"type\": \"message\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"file:///etc/passwd\", \"from\": {\"id\": \"x\"}}", "serviceUrl" },
        { "{\"type\": \"message\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:1/\"}", "needs 'from'" },
        { "{\"type\": \"message\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:1/\", \"from\": [], \"text\": \"hi\"}", "'from' must be an object" },
        { "{\"type\": \"message\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:1/\", \"from\": {\"id\": \"x\"}, \"text\": {\"a\": 1}}", "'text' must be a string" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_activities_get_a_400_with_a_clear_message(string body, string expected)
    {
        using var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_pressed_in_a_channel_with_a_mention_but_no_text_is_answered()
    {
        await SeedAsync(Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics"));
        var press = Activities.ChannelMention(Connector.ServiceUrl, "u-channel", "", "19:general@thread.tacv2");
        press.Remove("text");
        press["value"] = new JsonObject { ["action"] = "findpeer", ["query"] = "VP marketing" };

        var reply = Assert.Single(await SayAsync(press, 1));

        Assert.DoesNotContain(PeerBot.Teams.TurnErrors.SomethingWentWrong, reply.RawBody, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", reply.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_over_256_KB_are_refused_with_413()
    {
        var activity = Activities.Message(Connector.ServiceUrl, "u-big", new string('x', 300 * 1024));
        using var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("256 KB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_over_256_KB_without_a_length_header_are_refused_too()
    {
        var bytes = Encoding.UTF8.GetBytes(Activities.Message(Connector.ServiceUrl, "u-chunked", new string('y', 300 * 1024)).ToJsonString());
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_non_json_content_type_gets_415()
    {
        using var response = await Client.PostAsync("/api/messages", new StringContent("type=message", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_service_url_is_a_400_and_the_app_stays_up()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "u-nowhere", "help");
        using var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var health = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_card_submission_with_wrong_types_gets_the_form_back_not_an_error()
    {
        var value = new JsonObject { ["action"] = "saveProfile", ["name"] = new JsonArray(1, 2), ["headcount"] = new JsonObject(), ["discoverable"] = 7 };
        var replies = await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-types", value), 1);
        Assert.Contains("Name is required", replies[0].RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_on_the_messages_endpoint_is_405_not_500()
    {
        using var response = await Client.GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
