import { steps, type SeedExercise } from './define.js'

export const athletic: SeedExercise[] = [
  {
    name: 'Box Jump',
    category: 'plyometrics',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['calves', 'hamstrings'],
    equipment_needed: ['plyo_box'],
    description: 'An explosive jump onto a box that builds leg power with a soft landing.',
    instructions: steps('Stand a short step from a stable box.', 'Swing the arms, dip into a quarter squat and jump onto the box, landing softly with both feet.', 'Stand up fully, then step down rather than jumping down.')
  },
  {
    name: 'Jump Squat',
    category: 'plyometrics',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['calves', 'hamstrings'],
    equipment_needed: ['none'],
    description: 'A body-weight squat finished with a maximal vertical jump.',
    instructions: steps('Stand with feet shoulder-width apart.', 'Squat to about parallel, then jump as high as possible.', 'Land softly through the balls of the feet into the next squat.')
  },
  {
    name: 'Skater Jump',
    category: 'plyometrics',
    difficulty_level: 'intermediate',
    primary_muscles: ['glutes', 'abductors', 'quadriceps'],
    secondary_muscles: ['calves', 'adductors'],
    equipment_needed: ['none'],
    description: 'Lateral bounds from one leg to the other, training side-to-side power and landing control.',
    instructions: steps('Stand on the right leg with a slight knee bend.', 'Push off sideways and land on the left leg, letting the right foot swing behind.', 'Stick the landing briefly and bound back to the right.')
  },
  {
    name: 'Plyometric Push-Up',
    category: 'plyometrics',
    difficulty_level: 'advanced',
    primary_muscles: ['chest'],
    secondary_muscles: ['triceps', 'shoulders'],
    equipment_needed: ['none'],
    description: 'A push-up pressed hard enough for the hands to leave the floor.',
    instructions: steps('Start in a push-up position with a braced trunk.', 'Lower the chest, then push explosively so the hands leave the floor.', 'Land with soft elbows and move straight into the next repetition.')
  },
  {
    name: 'Medicine Ball Slam',
    category: 'plyometrics',
    difficulty_level: 'beginner',
    primary_muscles: ['lats', 'abs', 'shoulders'],
    secondary_muscles: ['triceps', 'glutes'],
    equipment_needed: ['medicine_ball'],
    description: 'Lifting a non-bouncing medicine ball overhead and throwing it into the floor with full force.',
    instructions: steps('Hold a slam ball at the chest with feet shoulder-width apart.', 'Reach it overhead onto the toes, then slam it down in front of the feet by pulling through the trunk.', 'Squat to pick it up and repeat.')
  },
  {
    name: 'Depth Jump',
    category: 'plyometrics',
    difficulty_level: 'advanced',
    primary_muscles: ['quadriceps', 'glutes', 'calves'],
    secondary_muscles: ['hamstrings'],
    equipment_needed: ['plyo_box'],
    description: 'Stepping off a low box and jumping up as soon as the feet touch down; for trained athletes.',
    instructions: steps('Stand on a low box, about 30 to 45 centimetres high.', 'Step off, land on both feet and rebound into a maximal jump with minimal ground contact.', 'Rest fully between repetitions and keep the sets short.')
  },
  {
    name: 'Agility Ladder In-and-Out',
    category: 'sports',
    difficulty_level: 'beginner',
    primary_muscles: ['calves', 'quadriceps'],
    secondary_muscles: ['hip_flexors', 'abductors', 'adductors'],
    equipment_needed: ['agility_ladder'],
    description: 'A footwork pattern through an agility ladder for quick feet and coordination.',
    instructions: steps('Stand beside the ladder facing along it.', 'Step both feet into the first square, then both out to the sides of the next square.', 'Repeat down the ladder quickly, staying on the balls of the feet.')
  },
  {
    name: 'Pro Agility Shuttle',
    category: 'sports',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'calves', 'adductors', 'abductors'],
    equipment_needed: ['cones'],
    description: 'The 5-10-5 shuttle: sprints with two sharp changes of direction between three cones five yards apart.',
    instructions: steps('Straddle the middle cone in a low stance.', 'Sprint five yards to one side and touch the line, then sprint ten yards to the far cone and touch it.', 'Sprint back through the middle cone; rest fully between runs.')
  },
  {
    name: 'T-Drill',
    category: 'sports',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'hamstrings', 'calves'],
    secondary_muscles: ['glutes', 'adductors', 'abductors'],
    equipment_needed: ['cones'],
    description: 'Cones in a T shape combining forward sprints, side shuffles and backpedalling.',
    instructions: steps('Place one cone at the start, one ten yards ahead and one five yards to each side of it.', 'Sprint to the middle cone, shuffle left to the side cone, then right across to the other side cone.', 'Shuffle back to the middle and backpedal to the start.')
  },
  {
    name: 'Shadow Boxing',
    category: 'sports',
    difficulty_level: 'beginner',
    primary_muscles: ['shoulders'],
    secondary_muscles: ['obliques', 'triceps', 'calves'],
    equipment_needed: ['none'],
    description: 'Throwing punch combinations in the air while moving, for technique and conditioning.',
    instructions: steps('Take a boxing stance with hands guarding the chin.', 'Throw jabs, crosses and hooks in combinations while moving the feet and returning the hands to guard.', 'Work in rounds, for example three minutes with one minute of rest.')
  },
  {
    name: 'Heavy Bag Rounds',
    category: 'sports',
    difficulty_level: 'intermediate',
    primary_muscles: ['shoulders', 'obliques'],
    secondary_muscles: ['triceps', 'chest', 'calves'],
    equipment_needed: ['punching_bag'],
    description: 'Punching a heavy bag in timed rounds to build striking power and endurance.',
    instructions: steps('Wrap the hands and wear bag gloves.', 'Throw combinations at the bag, rotating through the hips, and keep moving around it.', 'Work in rounds with rest between, keeping the hands up throughout.')
  },
  {
    name: 'Medicine Ball Rotational Throw',
    category: 'sports',
    difficulty_level: 'intermediate',
    primary_muscles: ['obliques'],
    secondary_muscles: ['abs', 'shoulders', 'glutes'],
    equipment_needed: ['medicine_ball'],
    description: 'A sideways throw against a wall that trains rotational power for throwing and hitting sports.',
    instructions: steps('Stand side-on to a sturdy wall holding a medicine ball at the back hip.', 'Rotate from the hips and throw the ball into the wall.', 'Catch the rebound, reset and repeat before switching sides.')
  }
]
