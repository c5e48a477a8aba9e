using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A hall manager takes a service item out of the hall when the one window serving it names it as a skill: RemoveService
/// said to take the skill from the window first, PutWindow and RemoveWindow that the window was the last serving the
/// item and to give another window the skill first. Each refusal sent the manager to the other, and none said how.
/// </summary>
public class AdminTakeOutServiceTests(ITestOutputHelper output)
{
    private const string Hall = "hall-t";

    [Fact]
    public async Task RemoveService_OnlyWindowServingItNamesIt_EveryRefusalSaysHowAndThatWayWorks()
    {
        // Window 1 serves item 1; window 2 items 1 and 2: window 2 alone serves item 2.
        var small = TestHalls.Small(Hall, windows: 2);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(small with
            {
                Windows = [small.Windows[0] with { Skills = [new() { Service = 1 }] }, small.Windows[1] with { Skills = [new() { Service = 1 }, new() { Service = 2 }] }],
            });
        });
        var admin = server.Admin();

        var refusals = new[]
        {
            await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => admin.RemoveServiceAsync(new() { Hall = Hall, Service = 2 })),
            await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => admin.PutWindowAsync(new()
            {
                Hall = Hall,
                Window = new WindowDef { Id = 2, Name = "Window 2", Skills = { new SkillDef { Service = 1 } } },
            })),
            await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => admin.RemoveWindowAsync(new() { Hall = Hall, Window = 2 })),
        };

        foreach (var e in refusals)
        {
            Assert.Contains("in one RedefineHall", e.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("DefinitionInUse", e.Reason());
        }

        // The way they give: the item and the window's skill for it together.
        var hall = small with
        {
            Services = [small.Services[0]],
            Windows = [small.Windows[0] with { Skills = [new() { Service = 1 }] }, small.Windows[1] with { Skills = [new() { Service = 1 }] }],
        };
        var info = await admin.RedefineHallAsync(new() { Hall = Hall, Json = HallConfiguration.ToJson(hall) }).Bounded();
        Assert.Equal(1, info.Services);
    }
}
