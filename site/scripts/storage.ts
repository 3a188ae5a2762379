// The slice of Web Storage the site uses; passed in so logic is testable with a Map.
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
