using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

public sealed partial class StoryResolver
{
    /// <summary>The posts whose stories are being re-decided, and what was learned about them.</summary>
    private sealed class Part(IReadOnlySet<string> newIds)
    {
        private readonly Dictionary<string, Post> posts = new(StringComparer.Ordinal);
        // A post, or a List<Post> once a key has several: most keys have one post.
        private readonly KeyMap<object> byKey = new();
        private readonly List<(StoryKeys.Kind, string)> keys = [];
        private readonly HashSet<string> looked = new(StringComparer.Ordinal);
        private readonly HashSet<string> visitedStories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoryRecord> previous = new(StringComparer.Ordinal);
        private readonly HashSet<string> flipped = new(StringComparer.Ordinal);

        public IEnumerable<Post> Posts => posts.Values;

        public IReadOnlyDictionary<string, StoryRecord> Previous => previous;

        /// <summary>Stored posts whose <see cref="Post.TextRepeated"/> turned true here.</summary>
        public IReadOnlySet<string> Flipped => flipped;

        public bool IsStored(Post post) => !newIds.Contains(post.Id);

        public bool Contains(string id) => posts.ContainsKey(id);

        public bool FirstVisit(string storyId) => storyId.Length > 0 && visitedStories.Add(storyId);

        public void Remember(IEnumerable<StoryRecord> stories)
        {
            foreach (var story in stories)
            {
                previous[story.Id] = story;
            }
        }

        public void Admit(Post post)
        {
            if (posts.TryAdd(post.Id, post))
            {
                Index(byKey, post);
            }
        }

        /// <summary>Admits a post the store read: the part changes posts, the store's are shared (IStoryStore), so it keeps a copy.</summary>
        public void AdmitStored(Post post)
        {
            if (!posts.ContainsKey(post.Id))
            {
                Admit(post.Snapshot());
            }
        }

        public List<Post> TakeFrontier()
        {
            var frontier = posts.Values.Where(p => !looked.Contains(p.Id)).ToList();
            looked.UnionWith(frontier.Select(p => p.Id));
            return frontier;
        }

        /// <summary>
        /// Compares the frontier with the part and with stored candidates: a candidate any of them may
        /// match joins the part, and so does one whose summary turns out to be boilerplate here (its
        /// evidence changed, so its story is decided again). Flags only ever turn on, so a match by the
        /// flags known now includes every match by the flags known at the end.
        /// </summary>
        public void Meet(List<Post> frontier, IReadOnlyList<Post> candidates)
        {
            // By reference: the part holds one instance per id (Admit), and hashing an instance is
            // far cheaper than hashing its 64-character id, which these sets did for every pair met.
            var inFrontier = new HashSet<Post>(frontier, ReferenceEqualityComparer.Instance);
            var admit = new List<Post>();
            var seen = new HashSet<Post>(ReferenceEqualityComparer.Instance);
            // Candidates are the store's shared posts: one the part flags or admits is copied first, once.
            var copies = new Dictionary<string, Post>(StringComparer.Ordinal);
            // One delegate for the whole meeting: a local function passed as a Func is a new one each call.
            Func<Post, Post> own = Own;
            var holders = new List<Post>();

            // The frontier against the part: the part's posts that share a key with it.
            foreach (var a in frontier)
            {
                seen.Clear();
                HoldersOfKeys(a, holders);
                foreach (var b in holders)
                {
                    Consider(a, b);
                }
            }

            // The frontier against the stored candidates outside the part: each candidate's keys
            // looked up among the part's posts (the part is indexed already; a map of every
            // candidate's keys cost more than the lookups, at ~10 candidates a new post).
            var met = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                if (posts.ContainsKey(candidate.Id) || !met.Add(candidate.Id))
                {
                    continue;
                }

                seen.Clear();
                HoldersOfKeys(candidate, holders);
                foreach (var a in holders)
                {
                    ConsiderCandidate(a, candidate);
                }
            }

            foreach (var post in admit)
            {
                Admit(post);
            }

            // A pair of two frontier posts is met once, from its smaller id.
            void Consider(Post a, Post b)
            {
                if (!ReferenceEquals(a, b)
                    && !(inFrontier.Contains(b) && string.CompareOrdinal(b.Id, a.Id) < 0)
                    && seen.Add(b))
                {
                    Compare(a, copies.GetValueOrDefault(b.Id) ?? b, admit, own);
                }
            }

            // A frontier post and a candidate are met once, whichever keys they share.
            void ConsiderCandidate(Post a, Post candidate)
            {
                if (inFrontier.Contains(a) && seen.Add(a))
                {
                    Compare(a, copies.GetValueOrDefault(candidate.Id) ?? candidate, admit, own);
                }
            }

            // The part's own post for b: b itself when the part holds it, else b's copy.
            Post Own(Post b)
            {
                if (posts.TryGetValue(b.Id, out var held) && ReferenceEquals(held, b))
                {
                    return b;
                }

                if (!copies.TryGetValue(b.Id, out var copy))
                {
                    copies.Add(b.Id, copy = b.Snapshot());
                }

                return copy;
            }
        }

        // The part's posts holding any of post's keys, once per key held (the callers dedupe).
        private void HoldersOfKeys(Post post, List<Post> holders)
        {
            holders.Clear();
            keys.Clear();
            StoryKeys.AddTo(post, keys);
            foreach (var key in keys)
            {
                switch (byKey.GetValueOrDefault(key))
                {
                    case Post one:
                        holders.Add(one);
                        break;
                    case List<Post> several:
                        holders.AddRange(several);
                        break;
                }
            }
        }

        // a is the part's; b may be the store's, and own(b) is what the part may change and admit.
        private void Compare(Post a, Post b, List<Post> admit, Func<Post, Post> own)
        {
            if (DuplicateRule.RepeatsText(a, b))
            {
                if (MarkRepeated(a))
                {
                    admit.Add(a);
                }

                if (!b.TextRepeated && MarkRepeated(b = own(b)))
                {
                    admit.Add(b);
                }
            }

            if (DuplicateRule.Match(a, b) != MatchReason.None)
            {
                admit.Add(a);
                admit.Add(own(b));
            }
        }

        private void Index(KeyMap<object> index, Post post)
        {
            keys.Clear();
            StoryKeys.AddTo(post, keys);
            foreach (var key in keys)
            {
                if (!index.TryGetValue(key, out var held))
                {
                    index.Add(key, post);
                }
                else if (held is List<Post> several)
                {
                    several.Add(post);
                }
                else if (!ReferenceEquals(held, post))
                {
                    index[key] = new List<Post> { (Post)held, post };
                }
            }
        }

        // True when the flag of a stored post turned on: its story must be decided again.
        private bool MarkRepeated(Post post)
        {
            if (post.TextRepeated)
            {
                return false;
            }

            post.TextRepeated = true;
            if (!IsStored(post))
            {
                return false;
            }

            flipped.Add(post.Id);
            // Already looked up: look again, so its story is fetched and decided with the new flag.
            looked.Remove(post.Id);
            return true;
        }
    }
}
