// The data shapes shared by the GraphRAG lab's stages (extraction → graph → communities → reports →
// local / global search → evaluation). Plain JSON-able objects: the build-time loaders write them and the
// page's worker reads them. Character spans are in document coordinates, like labs/rag's gold passages.
import type {Chunk} from "../rag/chunk.js";

export type EntityType = "person" | "place" | "organization" | "other";

/** A sentence of the corpus: document id and character span [start, end) in that document's text. */
export interface SentenceRef {
  docId: string;
  start: number;
  end: number;
}

/** A text unit is one of labs/rag's chunks (the RAG notebook's default chunking) with its index. */
export interface TextUnit extends Chunk {
  id: number; // index in EntityGraphData.units
}

/** One mention found by extraction: which entity, where. */
export interface Mention {
  key: string; // normalised name (the node id), e.g. "united states"
  surface: string; // the text as written, e.g. "America's"
  type: EntityType;
  unit: number; // text unit id
  start: number; // character span in the document
  end: number;
}

/** A node: all mentions with the same normalised name merged (the paper's exact-string merge rule). */
export interface Entity {
  id: string; // normalised name
  name: string; // most frequent surface form (ties: the first seen)
  type: EntityType; // most frequent type among its mentions
  mentions: number; // number of mentions
  units: number[]; // text unit ids where it occurs, ascending, unique
  sentences: SentenceRef[]; // sentences that mention it, in corpus order, unique (its "description")
  /** Optional (added by gr-extract): written forms with type and count, first seen first; lets addDocument recompute name and type exactly. */
  forms?: Array<{surface: string; type: EntityType; count: number}>;
}

/** An undirected edge between two entities that co-occur in at least one text unit. */
export interface Relation {
  source: string; // entity id, source < target (string order)
  target: string;
  weight: number; // number of text units where both occur (the paper's duplicate count)
  units: number[]; // those text units, ascending
  sentences: SentenceRef[]; // sentences that mention both, in corpus order, unique
}

export interface EntityGraphData {
  units: TextUnit[];
  entities: Entity[]; // sorted by id
  relations: Relation[]; // sorted by (source, target)
}

/** One community of the hierarchy. Level 0 (C0) is the root level (coarsest); children refine it. */
export interface Community {
  id: number; // unique across levels, index in Hierarchy.communities
  level: number; // 0, 1, 2
  parent: number | null;
  children: number[]; // communities of level + 1 inside this one (empty for a leaf)
  entities: string[]; // member entity ids, sorted
}

/** Communities at one level as a partition of every node (a leaf community repeats on deeper levels). */
export interface LevelPartition {
  level: number;
  membership: Record<string, number>; // entity id → community id at this level
  count: number; // number of communities at this level
  modularity: number; // Newman modularity of this partition on the whole weighted graph, at resolution 1
}

export interface Hierarchy {
  resolution: number;
  seed: number;
  communities: Community[];
  levels: LevelPartition[]; // levels[0] = C0, …
}

/** An extractive community report (the paper's "community summary"). */
export interface CommunityReport {
  community: number; // Community.id
  title: string; // its most central entities' names
  entities: string[]; // the entities it speaks about, most central first
  sentences: SentenceRef[]; // the sentences it is made of, in the order written
  text: string; // those sentences joined
  tokens: number; // whitespace tokens of `text` (the budget's unit)
  fromChildren: boolean; // built from sub-community reports because the elements overflowed the budget
}
