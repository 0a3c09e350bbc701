using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stateless.Reflection;

namespace MspasTramite.Core.Review;

/// What a diagram says in words: the caller's language. Id prefixes the SVG's element ids, so two
/// diagrams can share a page. State and Trigger get the names Stateless reports (ToString()).
public sealed record DiagramText(
    string Id,
    string Title,
    string Description,
    Func<string, string> State,
    Func<string, string> Trigger,
    string? StartLegend = null,
    string? FinalLegend = null);

/// Draws a Stateless machine as an inline SVG: states in rows by their distance from the initial
/// state (a simple layered layout, no layout engine), one arrow per pair of states carrying the
/// names of its triggers, a small loop for a trigger that stays in its state. Only fixed
/// transitions are drawn: the workflow has no dynamic ones.
/// No script, no style attribute, no external reference: the page's CSP allows none of them, and
/// the drawing must survive being saved or printed on its own.
public static partial class WorkflowDiagram
{
    private const double FontSize = 14;
    private const double LabelFontSize = 13;
    private const double LineHeight = 17;
    private const double LabelLineHeight = 16;
    private const double MaxStateTextWidth = 170;
    private const double BoxPaddingX = 14;
    private const double BoxPaddingY = 10;
    private const double NodeGap = 110;
    private const double DummyGap = 24;
    private const double PairOffset = 7;
    private const double Margin = 12;
    private const string FontFamily = "'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif";
    private const string Ink = "#1b1b1b";
    private const string Line = "#4a4a4a";
    private const string StateFill = "#eef3fb";
    private const string StateStroke = "#0b3d91";
    private const string FinalFill = "#f3f5f8";

    public static string Svg(StateMachineInfo info, DiagramText text)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(text);
        if (!IdPattern().IsMatch(text.Id))
        {
            throw new ArgumentException("The id must be a letter followed by letters, digits, '-' or '_'.", nameof(text));
        }

        var graph = Graph.From(info, text);
        var layout = new Layout(graph);
        return Write(graph, layout, text);
    }

    // ----- the graph: states, and one drawn edge per ordered pair of states -----

    private sealed class Node(string key, IReadOnlyList<string> lines, bool dummy)
    {
        public string Key { get; } = key;
        public IReadOnlyList<string> Lines { get; } = lines;
        public bool Dummy { get; } = dummy;
        public bool Initial { get; set; }
        public bool Final { get; set; }
        public int Layer { get; set; }
        public int Discovery { get; set; }
        public double X { get; set; }
        public double Y { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }

        public Rect Box => new(X - (Width / 2), Y - (Height / 2), Width, Height);
    }

    /// Every trigger from one state to another (or to itself), drawn as one arrow.
    private sealed class Edge(Node from, Node to)
    {
        public Node From { get; } = from;
        public Node To { get; } = to;
        public List<string> Labels { get; } = [];

        /// The lines of its label as drawn: two arrows between the same states share one label,
        /// each line marked with the way it goes.
        public List<string> Text { get; set; } = [];
        public bool Loop => From == To;
        public List<Point> Path { get; set; } = [];
        public Rect? Label { get; set; }
    }

    /// A pair of states joined downwards for the layout, whatever the direction of its arrows: the
    /// chain runs through one placeholder per layer it crosses, so no arrow cuts through a state.
    private sealed class Link(Node upper, Node lower)
    {
        public Node Upper { get; } = upper;
        public Node Lower { get; } = lower;
        public List<Node> Chain { get; } = [];
        public List<Edge> Edges { get; } = [];
    }

    private sealed class Graph
    {
        public List<Node> States { get; } = [];
        public List<Edge> Edges { get; } = [];

        public static Graph From(StateMachineInfo info, DiagramText text)
        {
            var graph = new Graph();
            var byKey = new Dictionary<string, Node>(StringComparer.Ordinal);
            Node NodeFor(StateInfo state)
            {
                var key = Name(state.UnderlyingState);
                if (!byKey.TryGetValue(key, out var node))
                {
                    node = new Node(key, Wrap(text.State(key), FontSize, MaxStateTextWidth), dummy: false);
                    byKey.Add(key, node);
                    graph.States.Add(node);
                }

                return node;
            }

            var initial = NodeFor(info.InitialState);
            initial.Initial = true;
            foreach (var state in info.States)
            {
                var from = NodeFor(state);
                foreach (var transition in state.FixedTransitions)
                {
                    var to = NodeFor(transition.DestinationState);
                    var edge = graph.Edges.Find(e => e.From == from && e.To == to);
                    if (edge is null)
                    {
                        edge = new Edge(from, to);
                        graph.Edges.Add(edge);
                    }

                    edge.Labels.Add(text.Trigger(Name(transition.Trigger.UnderlyingTrigger)));
                }
            }

            foreach (var node in graph.States)
            {
                node.Final = !graph.Edges.Any(e => e.From == node && !e.Loop);
            }

            return graph;
        }
    }

    // ----- the layout -----

    private sealed class Layout
    {
        private readonly Graph graph;
        private readonly List<Link> links = [];
        private readonly List<Edge> flat = [];
        private readonly List<Rect> obstacles = [];

        private List<List<Node>> Layers { get; } = [];

        public Rect Bounds { get; }

        public Layout(Graph graph)
        {
            this.graph = graph;
            AssignLayers();
            Link();
            Order();
            Size();
            PlaceX();
            PlaceY();
            Route();
            PlaceLabels();
            Bounds = Measure();
        }

        /// A state's layer is its distance from the initial state (breadth first, in the order the
        /// machine lists its triggers), so the usual way through the workflow reads straight down.
        private void AssignLayers()
        {
            var discovery = 0;
            var seen = new HashSet<Node>();
            foreach (var root in graph.States.Where(n => n.Initial).Concat(graph.States))
            {
                if (!seen.Add(root))
                {
                    continue;
                }

                root.Discovery = discovery++;
                var queue = new Queue<Node>([root]);
                while (queue.TryDequeue(out var node))
                {
                    foreach (var next in graph.Edges.Where(e => e.From == node).Select(e => e.To))
                    {
                        if (seen.Add(next))
                        {
                            next.Layer = node.Layer + 1;
                            next.Discovery = discovery++;
                            queue.Enqueue(next);
                        }
                    }
                }
            }

            foreach (var node in graph.States.OrderBy(n => n.Discovery))
            {
                while (Layers.Count <= node.Layer)
                {
                    Layers.Add([]);
                }

                Layers[node.Layer].Add(node);
            }
        }

        /// Arrows between layers become links (one per pair of states, whichever way its arrows
        /// go), with a placeholder in every layer they cross; arrows within a layer stay flat.
        private void Link()
        {
            foreach (var edge in graph.Edges.Where(e => !e.Loop))
            {
                if (edge.From.Layer == edge.To.Layer)
                {
                    flat.Add(edge);
                    continue;
                }

                var (upper, lower) = edge.From.Layer < edge.To.Layer ? (edge.From, edge.To) : (edge.To, edge.From);
                var link = links.Find(l => l.Upper == upper && l.Lower == lower);
                if (link is null)
                {
                    link = new Link(upper, lower);
                    links.Add(link);
                    link.Chain.Add(upper);
                    for (var layer = upper.Layer + 1; layer < lower.Layer; layer++)
                    {
                        var dummy = new Node("", [], dummy: true) { Layer = layer, Discovery = lower.Discovery };
                        Layers[layer].Add(dummy);
                        link.Chain.Add(dummy);
                    }

                    link.Chain.Add(lower);
                }

                link.Edges.Add(edge);
            }
        }

        private IEnumerable<(Node Upper, Node Lower)> Segments() =>
            links.SelectMany(l => l.Chain.Zip(l.Chain.Skip(1)));

        /// Barycentre ordering, sweeping down and up, keeping the order with the fewest crossings;
        /// then states joined within a layer are put side by side.
        private void Order()
        {
            var segments = Segments().ToList();
            var best = Layers.Select(l => l.ToList()).ToList();
            var bestCrossings = Crossings(segments);
            for (var sweep = 0; sweep < 6; sweep++)
            {
                var down = sweep % 2 == 0;
                var range = down ? Enumerable.Range(1, Layers.Count - 1) : Enumerable.Range(0, Layers.Count - 1).Reverse();
                foreach (var i in range)
                {
                    var neighbours = Layers[down ? i - 1 : i + 1];
                    var layer = Layers[i];
                    var keys = layer.ToDictionary(n => n, n =>
                    {
                        var adjacent = segments.Where(s => down ? s.Lower == n : s.Upper == n).Select(s => neighbours.IndexOf(down ? s.Upper : s.Lower)).ToList();
                        return adjacent.Count == 0 ? layer.IndexOf(n) : adjacent.Average();
                    });
                    Layers[i] = [.. layer.OrderBy(n => keys[n]).ThenBy(n => n.Discovery)];
                }

                var crossings = Crossings(segments);
                if (crossings < bestCrossings)
                {
                    bestCrossings = crossings;
                    best = Layers.Select(l => l.ToList()).ToList();
                }
            }

            for (var i = 0; i < Layers.Count; i++)
            {
                Layers[i] = best[i];
            }

            foreach (var edge in flat)
            {
                var layer = Layers[edge.From.Layer];
                var (from, to) = (layer.IndexOf(edge.From), layer.IndexOf(edge.To));
                if (Math.Abs(from - to) > 1)
                {
                    layer.Remove(edge.To);
                    layer.Insert(layer.IndexOf(edge.From) + (to > from ? 1 : 0), edge.To);
                }
            }
        }

        private int Crossings(List<(Node Upper, Node Lower)> segments)
        {
            var crossings = 0;
            for (var a = 0; a < segments.Count; a++)
            {
                for (var b = a + 1; b < segments.Count; b++)
                {
                    var (s, t) = (segments[a], segments[b]);
                    if (s.Upper.Layer != t.Upper.Layer || s.Upper == t.Upper || s.Lower == t.Lower)
                    {
                        continue;
                    }

                    var upper = Layers[s.Upper.Layer];
                    var lower = Layers[s.Lower.Layer];
                    if (Math.Sign(upper.IndexOf(s.Upper) - upper.IndexOf(t.Upper)) != Math.Sign(lower.IndexOf(s.Lower) - lower.IndexOf(t.Lower)))
                    {
                        crossings++;
                    }
                }
            }

            return crossings;
        }

        /// Every state gets the same box, as wide as the widest name (wrapped) needs.
        private void Size()
        {
            var width = graph.States.Max(n => n.Lines.Max(l => TextWidth(l, FontSize))) + (2 * BoxPaddingX);
            var height = (graph.States.Max(n => n.Lines.Count) * LineHeight) + (2 * BoxPaddingY);
            foreach (var node in graph.States)
            {
                node.Width = Math.Max(width, 120);
                node.Height = height;
            }
        }

        /// Each node moves towards the mean of its neighbours in the layer above (then below), as
        /// little as the gaps allow: a weighted least-squares fit under ordering constraints (pool
        /// adjacent violators), sweeping a few times.
        private void PlaceX()
        {
            var segments = Segments().ToList();
            var weight = Layers.SelectMany(l => l).ToDictionary(n => n, n => segments.Count(s => s.Upper == n || s.Lower == n) * (n.Dummy ? 0.3 : 1.0));
            foreach (var layer in Layers)
            {
                Fit(layer, [.. layer.Select(_ => 0.0)], weight);
            }

            for (var sweep = 0; sweep < 8; sweep++)
            {
                var down = sweep % 2 == 0;
                var range = down ? Enumerable.Range(1, Layers.Count - 1) : Enumerable.Range(0, Layers.Count - 1).Reverse();
                foreach (var i in range)
                {
                    var layer = Layers[i];
                    var wanted = layer.Select(n =>
                    {
                        var xs = segments.Where(s => down ? s.Lower == n : s.Upper == n).Select(s => (down ? s.Upper : s.Lower).X).ToList();
                        return xs.Count == 0 ? n.X : xs.Average();
                    }).ToArray();
                    Fit(layer, wanted, weight);
                }
            }
        }

        /// Room between two neighbours: a flat arrow between them needs its label's width.
        private double Gap(Node a, Node b)
        {
            var gap = a.Dummy || b.Dummy ? DummyGap : NodeGap;
            foreach (var edge in flat.Where(e => (e.From == a && e.To == b) || (e.From == b && e.To == a)))
            {
                gap = Math.Max(gap, LabelSize([.. edge.Labels.Select(l => "→ " + l)]).Width + 40);
            }

            return (a.Width / 2) + (b.Width / 2) + gap;
        }

        private void Fit(List<Node> layer, double[] wanted, Dictionary<Node, double> weight)
        {
            // x[i] = y[i] + offset[i] with y non-decreasing keeps every gap; fit y to wanted - offset,
            // weighted by how many lines meet a node, so a busy state holds its place and a side
            // state moves out of its way.
            var offsets = new double[layer.Count];
            for (var i = 1; i < layer.Count; i++)
            {
                offsets[i] = offsets[i - 1] + Gap(layer[i - 1], layer[i]);
            }

            var blocks = new List<(double Sum, double Weight, int Count)>();
            for (var i = 0; i < layer.Count; i++)
            {
                var w = Math.Max(0.1, weight[layer[i]]);
                blocks.Add(((wanted[i] - offsets[i]) * w, w, 1));
                while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight > blocks[^1].Sum / blocks[^1].Weight)
                {
                    var last = blocks[^1];
                    blocks.RemoveAt(blocks.Count - 1);
                    blocks[^1] = (blocks[^1].Sum + last.Sum, blocks[^1].Weight + last.Weight, blocks[^1].Count + last.Count);
                }
            }

            var index = 0;
            foreach (var (sum, total, count) in blocks)
            {
                for (var k = 0; k < count; k++, index++)
                {
                    layer[index].X = (sum / total) + offsets[index];
                }
            }
        }

        /// The gap between two layers grows with the labels that must fit in it.
        private void PlaceY()
        {
            var height = graph.States[0].Height;
            var y = height / 2;
            for (var i = 0; i < Layers.Count; i++)
            {
                foreach (var node in Layers[i])
                {
                    node.Y = y;
                    if (node.Dummy)
                    {
                        node.Height = 0;
                    }
                }

                var labels = links.Where(l => l.Upper.Layer <= i && l.Lower.Layer > i).Sum(l => l.Edges.Sum(e => e.Labels.Count));
                y += height + Math.Clamp(40 + (labels * 20), 64, 190);
            }
        }

        private void Route()
        {
            var ports = Ports();
            foreach (var link in links)
            {
                foreach (var edge in link.Edges)
                {
                    var points = link.Chain.Select(n => new Point(n.X, n.Y)).ToList();
                    points[0] = new Point(ports[(link, link.Upper)], link.Upper.Box.Bottom);
                    points[^1] = new Point(ports[(link, link.Lower)], link.Lower.Box.Top);
                    if (edge.From != link.Upper)
                    {
                        points.Reverse();
                    }

                    edge.Path = ToBorders(Offset(points, link.Edges.Count == 2), edge);
                }
            }

            foreach (var edge in flat)
            {
                var pair = flat.Any(e => e.From == edge.To && e.To == edge.From);
                edge.Path = Clipped(edge, Offset([new(edge.From.X, edge.From.Y), new(edge.To.X, edge.To.Y)], pair));
            }
        }

        /// Where each link meets a state: spread along the bottom (links down) or the top (links
        /// up) in the order of where they lead, so arrows fanning out do not start on one point.
        private Dictionary<(Link, Node), double> Ports()
        {
            var ports = new Dictionary<(Link, Node), double>();
            foreach (var node in graph.States)
            {
                var down = links.Where(l => l.Upper == node).OrderBy(l => l.Chain[1].X).ToList();
                var up = links.Where(l => l.Lower == node).OrderBy(l => l.Chain[^2].X).ToList();
                foreach (var (side, end) in new[] { (down, 0), (up, 1) })
                {
                    var spacing = side.Count < 2 ? 0 : Math.Min(44, node.Width * 0.7 / (side.Count - 1));
                    for (var i = 0; i < side.Count; i++)
                    {
                        ports[(side[i], node)] = node.X + ((i - ((side.Count - 1) / 2.0)) * spacing);
                    }
                }
            }

            return ports;
        }

        /// An arrow moved sideways starts and ends on the top or bottom border again.
        private static List<Point> ToBorders(List<Point> points, Edge edge)
        {
            static Point OnLine(Point from, Point towards, double y) =>
                towards.Y == from.Y ? from : new Point(from.X + ((towards.X - from.X) * (y - from.Y) / (towards.Y - from.Y)), y);

            var downwards = points[^1].Y > points[0].Y;
            points[0] = OnLine(points[0], points[1], downwards ? edge.From.Box.Bottom : edge.From.Box.Top);
            points[^1] = OnLine(points[^1], points[^2], downwards ? edge.To.Box.Top : edge.To.Box.Bottom);
            return points;
        }

        /// Two arrows between the same states run side by side, each on its own right.
        private static List<Point> Offset(List<Point> points, bool pair)
        {
            if (!pair)
            {
                return points;
            }

            var (nx, ny) = Normal(points[0], points[^1]);
            return [.. points.Select(p => new Point(p.X + (nx * PairOffset), p.Y + (ny * PairOffset)))];
        }

        private static (double X, double Y) Normal(Point a, Point b)
        {
            var (dx, dy) = (b.X - a.X, b.Y - a.Y);
            var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
            return (-dy / length, dx / length);
        }

        private static List<Point> Clipped(Edge edge, List<Point> points)
        {
            points[0] = Clip(edge.From.Box, points[1], points[0]);
            points[^1] = Clip(edge.To.Box, points[^2], points[^1]);
            return points;
        }

        /// Where the line from outside to a point inside the box crosses the box's border.
        private static Point Clip(Rect box, Point outside, Point inside)
        {
            var (dx, dy) = (outside.X - inside.X, outside.Y - inside.Y);
            var t = 1.0;
            if (dx != 0)
            {
                t = Math.Min(t, Math.Abs((dx > 0 ? box.Right - inside.X : inside.X - box.Left) / dx));
            }

            if (dy != 0)
            {
                t = Math.Min(t, Math.Abs((dy > 0 ? box.Bottom - inside.Y : inside.Y - box.Top) / dy));
            }

            return new Point(inside.X + (dx * t), inside.Y + (dy * t));
        }

        /// Labels go where they cover the fewest boxes, labels and other arrows: loops first (they
        /// have fewer choices), then flat arrows, then the rest. Of two arrows side by side, each
        /// label sits on its own arrow's outer side, so it is clear which is which.
        private void PlaceLabels()
        {
            obstacles.AddRange(graph.States.Select(n => n.Box.Inflate(4)));
            foreach (var edge in graph.Edges.Where(e => e.Loop))
            {
                PlaceLoop(edge);
            }

            foreach (var edge in graph.Edges)
            {
                edge.Text = [.. edge.Labels];
            }

            foreach (var edge in flat.Where(e => e.From.X < e.To.X || !flat.Any(r => r.From == e.To && r.To == e.From)))
            {
                var back = flat.Find(r => r.From == edge.To && r.To == edge.From);
                var midline = Combine(edge, back, "→ ", "← ");
                var size = LabelSize(edge.Text);
                var (a, b) = (midline[0], midline[^1]);
                var x = ((a.X + b.X) / 2) - (size.Width / 2);
                var gap = back is null ? 3 : 3 + PairOffset;
                Rect[] candidates = [new(x, a.Y - gap - size.Height, size.Width, size.Height), new(x, a.Y + gap, size.Width, size.Height)];
                Choose(edge, back, candidates);
            }

            foreach (var link in links)
            {
                var down = link.Edges.Find(e => e.From == link.Upper) ?? link.Edges[0];
                var up = link.Edges.Find(e => e != down);
                var midline = Combine(down, up, "↓ ", "↑ ");
                var size = LabelSize(down.Text);
                var candidates = new List<Rect>();
                var segments = midline.Zip(midline.Skip(1)).OrderByDescending(s => Distance(s.First, s.Second)).ToList();
                foreach (var t in Enumerable.Range(0, 41).Select(k => 0.5 + ((k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 0.02)))
                {
                    foreach (var (a, b) in segments)
                    {
                        var (x, y) = (a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
                        candidates.Add(new Rect(x - (size.Width / 2), y - (size.Height / 2), size.Width, size.Height));
                    }
                }

                Choose(down, up, candidates);
            }
        }

        /// For two arrows between the same states, one label on the line between them, each
        /// trigger marked with its way; returns that middle line (or the lone arrow's own).
        private static List<Point> Combine(Edge edge, Edge? back, string forward, string backward)
        {
            if (back is null)
            {
                return edge.Path;
            }

            edge.Text = [.. edge.Labels.Select(l => forward + l), .. back.Labels.Select(l => backward + l)];
            back.Text = [];
            var (nx, ny) = Normal(edge.Path[0], edge.Path[^1]);
            return [.. edge.Path.Select(p => new Point(p.X - (nx * PairOffset), p.Y - (ny * PairOffset)))];
        }

        private void PlaceLoop(Edge edge)
        {
            var size = LabelSize(edge.Labels);
            var box = edge.From.Box;
            var (cx, cy) = (edge.From.X, edge.From.Y);
            const double reach = 30;
            var options = new (List<Point> Path, Rect Label)[]
            {
                ([new(box.Right, cy - 9), new(box.Right + reach, cy - 24), new(box.Right + reach, cy + 24), new(box.Right, cy + 9)],
                    new Rect(box.Right + reach + 2, cy - (size.Height / 2), size.Width, size.Height)),
                ([new(box.Left, cy - 9), new(box.Left - reach, cy - 24), new(box.Left - reach, cy + 24), new(box.Left, cy + 9)],
                    new Rect(box.Left - reach - 2 - size.Width, cy - (size.Height / 2), size.Width, size.Height)),
                ([new(cx + 12, box.Bottom), new(cx + 28, box.Bottom + reach), new(cx - 28, box.Bottom + reach), new(cx - 12, box.Bottom)],
                    new Rect(cx - (size.Width / 2), box.Bottom + reach, size.Width, size.Height)),
                ([new(cx - 12, box.Top), new(cx - 28, box.Top - reach), new(cx + 28, box.Top - reach), new(cx + 12, box.Top)],
                    new Rect(cx - (size.Width / 2), box.Top - reach - size.Height, size.Width, size.Height)),
            };
            var own = box.Inflate(4);
            var chosen = options.Select((o, i) => (o, Cost: Cost(o.Label.Union(Bounds(o.Path)), edge, null, own) + (i * 5))).MinBy(c => c.Cost).o;
            edge.Path = chosen.Path;
            edge.Label = chosen.Label;
            obstacles.Add(chosen.Label);
            obstacles.Add(Bounds(chosen.Path));
        }

        private void Choose(Edge edge, Edge? back, IReadOnlyList<Rect> candidates)
        {
            var chosen = candidates.Select((r, i) => (r, Cost: Cost(r, edge, back) + (i * 0.5))).MinBy(c => c.Cost).r;
            edge.Label = chosen;
            obstacles.Add(chosen);
        }

        private double Cost(Rect area, Edge self, Edge? back, Rect? ignore = null)
        {
            var cost = obstacles.Where(o => o != ignore).Sum(o => area.Overlap(o)) * 10;
            foreach (var edge in graph.Edges.Where(e => e != self && e != back && !e.Loop))
            {
                // A label keeps clear of other arrows, so it reads as belonging to its own.
                cost += edge.Path.Zip(edge.Path.Skip(1)).Count(s => area.Inflate(12).Crosses(s.First, s.Second)) * 400;
            }

            return cost;
        }

        private Rect Measure()
        {
            var rects = graph.States.Select(n => n.Box)
                .Concat(graph.Edges.Where(e => e.Label is not null).Select(e => e.Label!.Value))
                .Concat(graph.Edges.Select(e => Bounds(e.Path)))
                .ToList();
            var initial = graph.States.Single(n => n.Initial);
            rects.Add(new Rect(initial.X - 8, initial.Box.Top - 36, 16, 36));
            return rects.Aggregate((a, b) => a.Union(b)).Inflate(Margin);
        }
    }

    // ----- writing the SVG -----

    private static string Write(Graph graph, Layout layout, DiagramText text)
    {
        var bounds = layout.Bounds;
        var legendHeight = text.StartLegend is null && text.FinalLegend is null ? 0 : 40;
        var sb = new StringBuilder();
        var id = text.Id;
        sb.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="{N(bounds.Left)} {N(bounds.Top)} {N(bounds.Width)} {N(bounds.Height + legendHeight)}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FontFamily}" font-size="{N(FontSize)}" fill="{Ink}">""");
        sb.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Escape(text.Title)}</title>""");
        sb.Append(CultureInfo.InvariantCulture, $"""<desc id="{id}-desc">{Escape(text.Description)}</desc>""");
        sb.Append(CultureInfo.InvariantCulture, $"""<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{Line}"/></marker></defs>""");

        sb.Append(CultureInfo.InvariantCulture, $"""<g fill="none" stroke="{Line}" stroke-width="1.6">""");
        foreach (var edge in graph.Edges)
        {
            var p = edge.Path;
            var d = edge.Loop
                ? $"M{N(p[0].X)},{N(p[0].Y)} C{N(p[1].X)},{N(p[1].Y)} {N(p[2].X)},{N(p[2].Y)} {N(p[3].X)},{N(p[3].Y)}"
                : "M" + string.Join(" L", p.Select(q => $"{N(q.X)},{N(q.Y)}"));
            sb.Append(CultureInfo.InvariantCulture, $"""<path d="{d}" marker-end="url(#{id}-arrow)"/>""");
        }

        var initial = graph.States.Single(n => n.Initial);
        sb.Append(CultureInfo.InvariantCulture, $"""<path d="M{N(initial.X)},{N(initial.Box.Top - 20)} L{N(initial.X)},{N(initial.Box.Top)}" marker-end="url(#{id}-arrow)"/>""");
        sb.Append("</g>");
        sb.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(initial.X)}" cy="{N(initial.Box.Top - 27)}" r="7" fill="{Ink}"/>""");

        sb.Append(CultureInfo.InvariantCulture, $"""<g font-size="{N(LabelFontSize)}">""");
        foreach (var edge in graph.Edges.Where(e => e.Label is not null))
        {
            var r = edge.Label!.Value;
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(r.Left)}" y="{N(r.Top)}" width="{N(r.Width)}" height="{N(r.Height)}" rx="3" fill="#ffffff" fill-opacity="0.92"/>""");
            var y = r.Top + 4 + (LabelLineHeight * 0.78);
            foreach (var line in edge.Text)
            {
                sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(r.Left + 5)}" y="{N(y)}">{Escape(line)}</text>""");
                y += LabelLineHeight;
            }
        }

        sb.Append("</g>");

        sb.Append("""<g text-anchor="middle">""");
        foreach (var node in graph.States)
        {
            WriteBox(sb, node.Box, node.Final);
            var y = node.Y - ((node.Lines.Count - 1) * LineHeight / 2) + (FontSize * 0.36);
            foreach (var line in node.Lines)
            {
                sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(node.X)}" y="{N(y)}">{Escape(line)}</text>""");
                y += LineHeight;
            }
        }

        sb.Append("</g>");

        if (legendHeight > 0)
        {
            var (x, y) = (bounds.Left + Margin, bounds.Bottom + 12);
            if (text.StartLegend is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(x + 7)}" cy="{N(y + 10)}" r="7" fill="{Ink}"/>""");
                sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + 22)}" y="{N(y + 15)}">{Escape(text.StartLegend)}</text>""");
                x += 40 + TextWidth(text.StartLegend, FontSize);
            }

            if (text.FinalLegend is not null)
            {
                WriteBox(sb, new Rect(x, y, 36, 20), final: true);
                sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + 46)}" y="{N(y + 15)}">{Escape(text.FinalLegend)}</text>""");
            }
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// A closed file's state has a double border, so it does not rest on colour alone.
    private static void WriteBox(StringBuilder sb, Rect r, bool final)
    {
        sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(r.Left)}" y="{N(r.Top)}" width="{N(r.Width)}" height="{N(r.Height)}" rx="6" fill="{(final ? FinalFill : StateFill)}" stroke="{StateStroke}" stroke-width="{(final ? "1.5" : "2")}"/>""");
        if (final)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(r.Left + 3.5)}" y="{N(r.Top + 3.5)}" width="{N(r.Width - 7)}" height="{N(r.Height - 7)}" rx="4" fill="none" stroke="{StateStroke}" stroke-width="1.5"/>""");
        }
    }

    // ----- text -----

    /// Width of a text in DejaVu Sans (the site's first font, and the widest of its fallbacks): SVG
    /// text cannot be measured without a browser, so the font's advance widths (per mille of the
    /// font size, from DejaVuSans.ttf) stand in, with a little to spare.
    private static double TextWidth(string text, double size) => text.Sum(Advance) / 1000.0 * size * 1.03;

    private static int Advance(char c)
    {
        if (c is >= ' ' and <= '~')
        {
            return AsciiAdvance[c - ' '];
        }

        var i = SpanishLetters.IndexOf(c, StringComparison.Ordinal);
        return i >= 0 ? SpanishAdvance[i] : 700;
    }

    private static readonly short[] AsciiAdvance =
    [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337,
        838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
        685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
        392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ];

    private const string SpanishLetters = "¡¿«»ÁÉÍÓÚÑÜáéíóúñü←↑→↓";

    private static readonly short[] SpanishAdvance = [401, 531, 612, 612, 684, 632, 295, 787, 732, 748, 732, 613, 615, 278, 612, 634, 634, 634, 838, 838, 838, 838];

    private static (double Width, double Height) LabelSize(List<string> lines) =>
        (lines.Max(l => TextWidth(l, LabelFontSize)) + 10, (lines.Count * LabelLineHeight) + 6);

    /// Breaks a name into lines no wider than maxWidth; into two lines of even length when two
    /// will do ("Vencida por falta / de pago", not "Vencida por falta de / pago").
    private static List<string> Wrap(string text, double size, double maxWidth)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || TextWidth(text, size) <= maxWidth)
        {
            return [text];
        }

        var (first, second) = Enumerable.Range(1, words.Length - 1)
            .Select(i => (string.Join(' ', words[..i]), string.Join(' ', words[i..])))
            .MinBy(p => Math.Max(TextWidth(p.Item1, size), TextWidth(p.Item2, size)));
        if (Math.Max(TextWidth(first, size), TextWidth(second, size)) <= maxWidth)
        {
            return [first, second];
        }

        var lines = new List<string>();
        var current = "";
        foreach (var word in words)
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && TextWidth(candidate, size) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    private static string Name(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    // ----- geometry -----

    private readonly record struct Point(double X, double Y);

    private readonly record struct Rect(double Left, double Top, double Width, double Height)
    {
        public double Right => Left + Width;

        public double Bottom => Top + Height;

        public Rect Inflate(double by) => new(Left - by, Top - by, Width + (2 * by), Height + (2 * by));

        public Rect Union(Rect other)
        {
            var (left, top) = (Math.Min(Left, other.Left), Math.Min(Top, other.Top));
            return new(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
        }

        public double Overlap(Rect other) =>
            Math.Max(0, Math.Min(Right, other.Right) - Math.Max(Left, other.Left)) *
            Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top));

        /// Whether the segment passes through the rectangle (Liang–Barsky clipping).
        public bool Crosses(Point a, Point b)
        {
            var (t0, t1) = (0.0, 1.0);
            var (dx, dy) = (b.X - a.X, b.Y - a.Y);
            foreach (var (p, q) in new[] { (-dx, a.X - Left), (dx, Right - a.X), (-dy, a.Y - Top), (dy, Bottom - a.Y) })
            {
                if (p == 0)
                {
                    if (q < 0)
                    {
                        return false;
                    }

                    continue;
                }

                var r = q / p;
                if (p < 0)
                {
                    t0 = Math.Max(t0, r);
                }
                else
                {
                    t1 = Math.Min(t1, r);
                }

                if (t0 > t1)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static Rect Bounds(List<Point> points)
    {
        var (left, top) = (points.Min(p => p.X), points.Min(p => p.Y));
        return new Rect(left, top, points.Max(p => p.X) - left, points.Max(p => p.Y) - top);
    }

    private static double Distance(Point a, Point b) => Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
}
